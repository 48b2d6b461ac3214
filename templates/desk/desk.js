// The desk's only script, served from the desk itself. It filters the candidates in place on their
// data attributes, as the server does from the same GET parameters, so the page narrows without a
// reload; without script the form submits and the server filters.
'use strict';
(function () {
  var form = document.getElementById('filters');
  var list = document.getElementById('candidates');
  var shown = document.getElementById('shown');
  if (!form || !list) return;
  var rows = list.querySelectorAll('li.candidate');
  var fold = function (s) { return s.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC'); };
  function apply() {
    var wanted = [];
    form.querySelectorAll('select').forEach(function (sel) { if (sel.value) wanted.push([sel.name, sel.value]); });
    var query = fold(form.elements.namedItem('q').value.trim());
    var count = 0;
    rows.forEach(function (row) {
      var ok = wanted.every(function (w) { return (row.dataset[w[0]] || '').split(' ').indexOf(w[1]) !== -1; });
      if (ok && query) ok = (row.dataset.text || '').indexOf(query) !== -1;
      row.hidden = !ok;
      if (ok) count++;
    });
    if (shown) shown.textContent = String(count);
    // The address keeps the filters, so a reload or a copied link shows the same list.
    var params = new URLSearchParams();
    wanted.forEach(function (w) { params.set(w[0], w[1]); });
    if (query) params.set('q', form.elements.namedItem('q').value.trim());
    history.replaceState(null, '', params.toString() ? '/?' + params.toString() : '/');
  }
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); apply(); });
})();
