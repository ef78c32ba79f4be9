// Renders the process diagram with bpmn-js (committed under /vendor, no CDN) and puts the number of posts waiting
// at each step on it; steps with overdue posts are highlighted.
(function () {
  var container = document.getElementById('diagram');
  if (!container || !window.BpmnJS) { return; }
  var viewer = new window.BpmnJS({ container: container });
  fetch(container.getAttribute('data-xml'), { credentials: 'same-origin' })
    .then(function (r) { return r.text(); })
    .then(function (xml) { return viewer.importXML(xml); })
    .then(function () {
      viewer.get('canvas').zoom('fit-viewport');
      var overlays = viewer.get('overlays');
      var registry = viewer.get('elementRegistry');
      document.querySelectorAll('#step-counts tr[data-activity]').forEach(function (row) {
        var id = row.getAttribute('data-activity').replace('#multiInstanceBody', '');
        var waiting = Number(row.getAttribute('data-waiting'));
        var overdue = Number(row.getAttribute('data-overdue'));
        if (!registry.get(id) || (!waiting && !overdue)) { return; }
        var badge = document.createElement('span');
        badge.className = 'diagram-count' + (overdue ? ' overdue' : '');
        badge.textContent = waiting + (overdue ? ' (' + overdue + ' overdue)' : '');
        overlays.add(id, { position: { bottom: 0, right: 0 }, html: badge });
      });
    })
    .catch(function (e) { container.textContent = 'The diagram could not be shown: ' + e.message; });
})();
