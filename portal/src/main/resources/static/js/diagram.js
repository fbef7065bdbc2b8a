// Draws a case's BPMN model with bpmn-js and marks its done, returned and current steps (data from
// /api/cases/{id}/diagram). The navigated viewer pans by dragging and zooms with Ctrl+wheel; the buttons zoom,
// fit the whole model, or centre on the current step; a finger pans (pointer events, the viewer has no touch).
(function () {
  function tools(el, canvas, current) {
    var card = el.closest('.card') || document;
    card.querySelectorAll('[data-zoom]').forEach(function (b) {
      b.addEventListener('click', function () {
        var how = b.getAttribute('data-zoom');
        if (how === 'fit') { canvas.zoom('fit-viewport', 'auto'); return; }
        if (how === 'current') {
          if (current.length) { canvas.zoom(1); canvas.scrollToElement(current[0]); }
          return;
        }
        var z = canvas.zoom();
        canvas.zoom(Math.max(0.2, Math.min(4, how === 'in' ? z * 1.25 : z / 1.25)));
      });
    });
    var last = null;
    el.addEventListener('pointerdown', function (e) { if (e.pointerType === 'touch') { last = { x: e.clientX, y: e.clientY }; } });
    el.addEventListener('pointermove', function (e) {
      if (!last || e.pointerType !== 'touch') { return; }
      canvas.scroll({ dx: e.clientX - last.x, dy: e.clientY - last.y });
      last = { x: e.clientX, y: e.clientY };
    });
    ['pointerup', 'pointercancel', 'pointerleave'].forEach(function (t) { el.addEventListener(t, function () { last = null; }); });
  }
  document.addEventListener('DOMContentLoaded', function () {
    var el = document.getElementById('diagram');
    if (!el || !window.BpmnJS) { return; }
    fetch(el.getAttribute('data-url'), { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (d) {
        var viewer = new window.BpmnJS({ container: el });
        return viewer.importXML(d.bpmnXml).then(function () {
          var canvas = viewer.get('canvas');
          var registry = viewer.get('elementRegistry');
          function mark(ids, marker) {
            (ids || []).forEach(function (id) { if (registry.get(id)) { canvas.addMarker(id, marker); } });
          }
          mark(d.done, 'done');
          mark(d.returned, 'returned');
          mark(d.current, 'current');
          canvas.zoom('fit-viewport', 'auto');
          tools(el, canvas, (d.current || []).map(function (id) { return registry.get(id); }).filter(Boolean));
          el.setAttribute('data-ready', 'true');
        });
      })
      .catch(function () { el.textContent = el.getAttribute('data-error'); });
  });
})();
