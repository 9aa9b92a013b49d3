// Irreversible steps sent by a plain form ask first (issue 18, item 2): a form with data-confirm="…" shows the
// consequence and is sent only when the planner agrees. Steps whose consequence needs figures (launch, activate,
// erase) have a confirmation page of their own instead.
document.addEventListener('submit', (event) => {
  const form = event.target.closest('form[data-confirm]');
  if (form && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
}, true);
