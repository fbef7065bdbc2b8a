// Pickers and repeatable rows (fragments/picker.html, fragments/fields.html). Everything also works without this
// script: picked values are checkboxes, typed names are resolved on the server, row buttons post the form.
(function () {
  'use strict';

  function close(picker) {
    var options = picker.querySelector('.options');
    if (options) { options.innerHTML = ''; }
    var input = picker.querySelector('input.pick');
    if (input) { input.setAttribute('aria-expanded', 'false'); }
  }

  function pick(picker, value, label) {
    var list = picker.querySelector('.picked');
    if (picker.getAttribute('data-multiple') !== 'true') { list.innerHTML = ''; }
    var exists = Array.prototype.some.call(list.querySelectorAll('input'), function (box) { return box.value === value; });
    if (!exists) {
      var li = document.createElement('li');
      var chip = document.createElement('label');
      chip.className = 'chip';
      var box = document.createElement('input');
      box.type = 'checkbox';
      box.name = picker.getAttribute('data-name');
      box.value = value;
      box.checked = true;
      box.setAttribute('aria-label', label);
      var text = document.createElement('span');
      text.textContent = label;
      chip.appendChild(box);
      chip.appendChild(document.createTextNode(' '));
      chip.appendChild(text);
      li.appendChild(chip);
      list.appendChild(li);
    }
    var input = picker.querySelector('input.pick');
    input.value = '';
    close(picker);
    // back to the input for the next name, without its focus lookup opening the whole list again
    input.setAttribute('data-picked', 'true');
    input.focus();
    picker.dispatchEvent(new Event('change', {bubbles: true}));
  }

  function options(picker) {
    return Array.prototype.slice.call(picker.querySelectorAll('.options button[data-value]'));
  }

  document.addEventListener('click', function (e) {
    var button = e.target.closest ? e.target.closest('.picker .options button[data-value]') : null;
    if (button) {
      e.preventDefault();
      pick(button.closest('.picker'), button.getAttribute('data-value'), button.getAttribute('data-label'));
      return;
    }
    var rows = e.target.closest ? e.target.closest('.group button[name="_rows"]') : null;
    if (rows) {
      e.preventDefault();
      changeRows(rows);
      return;
    }
    document.querySelectorAll('.picker').forEach(function (p) { if (!p.contains(e.target)) { close(p); } });
  });

  // unchecking a picked value removes it
  document.addEventListener('change', function (e) {
    var box = e.target;
    if (box.matches && box.matches('.picker .picked input[type=checkbox]') && !box.checked) {
      box.closest('li').remove();
    }
  });

  document.addEventListener('keydown', function (e) {
    var el = e.target;
    var picker = el.closest ? el.closest('.picker') : null;
    if (!picker) { return; }
    var all = options(picker);
    var at = all.indexOf(el);
    if (el.matches('input.pick')) {
      if (e.key === 'Enter') {
        e.preventDefault(); // never submit the form from a picker; Enter takes the first offer
        if (all.length) { all[0].click(); }
      } else if (e.key === 'ArrowDown' && all.length) {
        e.preventDefault();
        all[0].focus();
      } else if (e.key === 'Escape') {
        close(picker);
      }
    } else if (at >= 0) {
      if (e.key === 'ArrowDown' && at + 1 < all.length) { e.preventDefault(); all[at + 1].focus(); }
      if (e.key === 'ArrowUp') { e.preventDefault(); (at > 0 ? all[at - 1] : picker.querySelector('input.pick')).focus(); }
      if (e.key === 'Escape') { close(picker); picker.querySelector('input.pick').focus(); }
    }
  });

  document.addEventListener('htmx:beforeRequest', function (e) {
    var input = e.target;
    if (input.matches && input.matches('.picker input.pick') && input.getAttribute('data-picked') === 'true') {
      input.removeAttribute('data-picked');
      if (!input.value) { e.preventDefault(); }
    }
  });

  // leaving a picker (Tab, or a tap elsewhere) closes its list, so it never lies over the next fields or the submit
  document.addEventListener('focusout', function (e) {
    var picker = e.target.closest ? e.target.closest('.picker') : null;
    if (!picker) { return; }
    setTimeout(function () { if (!picker.contains(document.activeElement)) { close(picker); } }, 200);
  });

  document.addEventListener('htmx:afterSwap', function (e) {
    var picker = e.target.closest ? e.target.closest('.picker') : null;
    if (picker) {
      picker.querySelector('input.pick').setAttribute('aria-expanded', e.target.children.length ? 'true' : 'false');
    }
  });

  // a group's rows: add a blank copy of the last row, or remove one (the last one left is only emptied)
  function changeRows(button) {
    var group = button.closest('.group');
    var body = group.querySelector('tbody');
    var value = button.value;
    if (value.charAt(value.length - 1) === '+') {
      var rows = body.querySelectorAll('tr.row');
      var last = rows[rows.length - 1];
      var copy = last.cloneNode(true);
      var next = 0;
      body.querySelectorAll('[name]').forEach(function (el) {
        var m = /\[(\d+)]/.exec(el.name);
        if (m) { next = Math.max(next, parseInt(m[1], 10) + 1); }
      });
      copy.querySelectorAll('[name]').forEach(function (el) {
        el.name = el.name.replace(/\[\d+]/, '[' + next + ']');
        if (el.type === 'checkbox') { el.checked = false; } else if (el.name !== '_rows') { el.value = ''; }
      });
      copy.querySelector('button[name="_rows"]').value = group.getAttribute('data-group') + '-' + next;
      body.appendChild(copy);
      var first = copy.querySelector('input, textarea, select');
      if (first) { first.focus(); }
    } else {
      var row = button.closest('tr.row');
      if (body.querySelectorAll('tr.row').length > 1) {
        row.remove();
      } else {
        row.querySelectorAll('input, textarea, select').forEach(function (el) {
          if (el.type === 'checkbox') { el.checked = false; } else { el.value = ''; }
        });
      }
    }
  }

  // with script, Enter in a field submits the form, not an add/remove row button
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('.group button[name="_rows"]').forEach(function (b) { b.type = 'button'; });
  });
})();
