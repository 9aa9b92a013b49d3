-- after the commit, as Strata does (VisibilityMaps; issue 19 item 4): the orders' and facts' pages in the visibility map
\echo step vacuum_after_commit
vacuum orders;
vacuum customer_purchase_facts;
