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
