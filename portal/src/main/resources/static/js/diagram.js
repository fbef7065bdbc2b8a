// Draws a case's BPMN model with bpmn-js and marks its done and current steps (data from /api/cases/{id}/diagram).
(function () {
  document.addEventListener('DOMContentLoaded', function () {
    var el = document.getElementById('diagram');
    if (!el || !window.BpmnJS) { return; }
    fetch(el.getAttribute('data-url'), { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (d) {
        var viewer = new window.BpmnJS({ container: el });
        return viewer.importXML(d.bpmnXml).then(function () {
          var canvas = viewer.get('canvas');
          d.done.forEach(function (id) { try { canvas.addMarker(id, 'done'); } catch (e) { /* not drawn */ } });
          d.current.forEach(function (id) { try { canvas.addMarker(id, 'current'); } catch (e) { /* not drawn */ } });
          canvas.zoom('fit-viewport');
          el.setAttribute('data-ready', 'true');
        });
      })
      .catch(function () { el.textContent = el.getAttribute('data-error'); });
  });
})();
