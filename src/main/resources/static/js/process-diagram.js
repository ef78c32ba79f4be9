// Renders the process diagram with bpmn-js (committed under /vendor, no CDN) and puts the number of posts waiting
// at each step on it; steps with overdue posts are highlighted. A step inside a collapsed subprocess shows its count
// on the subprocess's own page, and the subprocess on the page above shows the sum of the steps inside it.
window.showDiagram(document.getElementById('diagram'), function (canvas, overlays, registry) {
  var top = canvas.getRootElement();
  var sums = {};
  function badge(id, waiting, overdue, position) {
    var span = document.createElement('span');
    span.className = 'diagram-count' + (overdue ? ' overdue' : '');
    span.textContent = waiting + (overdue ? ' (' + overdue + ' overdue)' : '');
    overlays.add(id, { position: position || { bottom: 0, right: 0 }, html: span });
  }
  // the shape on the top page that contains this element (itself, or the collapsed subprocess around it)
  function onTop(element) {
    var bo = element.businessObject;
    while (bo) {
      var shape = registry.get(bo.id);
      if (shape && shape !== top && canvas.findRoot(shape) === top) { return shape; }
      bo = bo.$parent;
    }
    return null;
  }
  document.querySelectorAll('#step-counts tr[data-activity]').forEach(function (row) {
    var id = row.getAttribute('data-activity').replace('#multiInstanceBody', '');
    var waiting = Number(row.getAttribute('data-waiting'));
    var overdue = Number(row.getAttribute('data-overdue'));
    var element = registry.get(id);
    if (!element || (!waiting && !overdue)) { return; }
    badge(id, waiting, overdue);
    var outer = onTop(element);
    if (outer && outer.id !== id) {
      var sum = sums[outer.id] || (sums[outer.id] = { waiting: 0, overdue: 0 });
      sum.waiting += waiting;
      sum.overdue += overdue;
    }
  });
  // above the subprocess's corner, clear of its drill-down button
  Object.keys(sums).forEach(function (id) { badge(id, sums[id].waiting, sums[id].overdue, { top: -10, right: 0 }); });
});
