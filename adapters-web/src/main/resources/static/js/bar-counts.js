// Writes the counts behind each bar above it (issue 18, "Also"), for charts whose data-chart JSON carries
// treatmentCounts and controlCounts beside the rates. Registered before strata.js draws on DOMContentLoaded.
if (typeof Chart !== 'undefined') {
  Chart.register({
    id: 'strataBarCounts',
    afterDatasetsDraw(chart) {
      const source = chart.canvas.dataset.chart;
      if (!source) {
        return;
      }
      const data = JSON.parse(source);
      const counts = [data.treatmentCounts, data.controlCounts];
      if (!counts[0] || !counts[1]) {
        return;
      }
      const ctx = chart.ctx;
      ctx.save();
      ctx.fillStyle = '#1b1f24';
      ctx.font = '12px sans-serif';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'bottom';
      counts.forEach((labels, i) => {
        chart.getDatasetMeta(i).data.forEach((bar, j) => {
          if (labels[j] !== undefined) {
            ctx.fillText(labels[j], bar.x, bar.y - 2);
          }
        });
      });
      ctx.restore();
      chart.canvas.dataset.barCounts = counts.map((labels) => labels.join('|')).join(';');
    }
  });
}
