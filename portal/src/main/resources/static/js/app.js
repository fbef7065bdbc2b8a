// Shows a field only while the field it depends on has one of the listed values (the server re-checks it all).
(function () {
  function update(form) {
    form.querySelectorAll('[data-visible-field]').forEach(function (field) {
      var name = field.getAttribute('data-visible-field');
      var wanted = (field.getAttribute('data-visible-values') || '').split('|');
      var chosen = Array.prototype.filter.call(form.elements[name] ? form.querySelectorAll('[name="' + name + '"]') : [],
        function (el) { return (el.type !== 'radio' && el.type !== 'checkbox') || el.checked; })
        .map(function (el) { return el.value; });
      field.hidden = !chosen.some(function (v) { return wanted.indexOf(v) >= 0; });
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('form').forEach(function (form) {
      update(form);
      form.addEventListener('change', function () { update(form); });
    });
    var summary = document.getElementById('error-summary');
    if (summary) { summary.focus(); }
  });
})();
// Phones: the header's nav folds behind the menu button (without script it stays open), and a table cell
// that the server did not label takes its column's heading as data-label, which the card layout draws.
(function () {
  function labelCells(root) {
    root.querySelectorAll('table.list').forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll('thead th'), function (th) {
        return th.textContent.trim();
      });
      table.querySelectorAll('tbody tr').forEach(function (tr) {
        var col = 0;
        Array.prototype.forEach.call(tr.children, function (cell) {
          if (cell.tagName === 'TD' && !cell.hasAttribute('data-label') && heads[col]) {
            cell.setAttribute('data-label', heads[col]);
          }
          col += cell.colSpan || 1;
        });
      });
    });
  }
  window.xfLabelCells = labelCells;
  document.addEventListener('DOMContentLoaded', function () {
    var header = document.querySelector('header.top');
    var menu = header && header.querySelector('button.menu');
    if (menu) {
      header.classList.add('folded');
      menu.setAttribute('aria-expanded', 'false');
      menu.addEventListener('click', function () {
        var open = header.classList.toggle('folded') === false;
        menu.setAttribute('aria-expanded', open ? 'true' : 'false');
      });
    }
    labelCells(document);
  });
  document.addEventListener('htmx:afterSwap', function (e) { labelCells(e.target); });
})();
