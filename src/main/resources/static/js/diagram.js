// Shows a BPMN diagram with bpmn-js (committed under /vendor, no CDN): loads the XML from the container's data-xml,
// fits it to the container, then hands the viewer's canvas, overlays and element registry to draw. A diagram that
// cannot be loaded leaves a message in the container instead. Pages include it through layout :: diagramScripts.
window.showDiagram = function (container, draw) {
  if (!container || !window.BpmnJS) { return; }
  var viewer = new window.BpmnJS({ container: container });
  fetch(container.getAttribute('data-xml'), { credentials: 'same-origin' })
    .then(function (r) { return r.text(); })
    .then(function (xml) { return viewer.importXML(xml); })
    .then(function () {
      var canvas = viewer.get('canvas');
      canvas.zoom('fit-viewport');
      draw(canvas, viewer.get('overlays'), viewer.get('elementRegistry'));
    })
    .catch(function (e) { container.textContent = 'The diagram could not be shown: ' + e.message; });
};
