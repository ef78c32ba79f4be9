// Insights: draws each chart from the HTML table under it (Chart.js from its webjar, no CDN), and paints the
// post-approval diagram as a heat map of waiting time per step (bpmn-js, committed under /vendor).
(function () {
  'use strict';

  var COLORS = ['#1f8a4c', '#2563eb', '#d97706', '#b42318', '#7c3aed', '#0e7490'];

  function number(text) {
    var value = parseFloat(text);
    return isNaN(value) ? null : value;
  }

  function charts() {
    if (!window.Chart) { return; }
    document.querySelectorAll('figure.chart[data-chart]').forEach(function (figure) {
      var type = figure.getAttribute('data-chart');
      var canvas = figure.querySelector('canvas');
      var table = figure.querySelector('table.chart-data');
      if (!canvas || !table || type === 'none') { return; }
      var headers = Array.prototype.map.call(table.querySelectorAll('thead th'), function (th) { return th.textContent; });
      var rows = Array.prototype.map.call(table.querySelectorAll('tbody tr'), function (tr) {
        return Array.prototype.map.call(tr.children, function (td) { return td.textContent; });
      });
      var series = (figure.getAttribute('data-series') || '').split(',').filter(Boolean).map(Number);
      new window.Chart(canvas, {
        type: type,
        data: {
          labels: rows.map(function (r) { return r[0]; }),
          datasets: series.map(function (column, i) {
            return {
              label: headers[column],
              data: rows.map(function (r) { return number(r[column]); }),
              backgroundColor: COLORS[i % COLORS.length],
              borderColor: COLORS[i % COLORS.length],
              tension: 0.2
            };
          })
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { position: 'bottom' } },
          scales: { y: { beginAtZero: true } }
        }
      });
    });
  }

  function heatMap() {
    window.showDiagram(document.getElementById('heat-diagram'), function (canvas, overlays, registry) {
      document.querySelectorAll('#heat tr[data-activity]').forEach(function (row) {
        var id = row.getAttribute('data-activity');
        var level = row.getAttribute('data-level');
        if (!registry.get(id)) { return; }
        canvas.addMarker(id, 'heat-' + level);
        var badge = document.createElement('span');
        badge.className = 'heat-badge heat-' + level;
        badge.textContent = row.getAttribute('data-label');
        overlays.add(id, { position: { bottom: -4, left: 0 }, html: badge });
      });
    });
  }

  charts();
  heatMap();
})();
