// The desk's only script, served from the desk itself. It filters the candidates in place on their
// data attributes, as the server does from the same GET parameters, so the page narrows without a
// reload; without script the form submits and the server filters. And it gives the keyboard
// shortcuts: j / k next and previous candidate, i include it, x exclude it (type the reason, Enter).
'use strict';
(function () {
  var form = document.getElementById('filters');
  var list = document.getElementById('candidates');
  var shown = document.getElementById('shown');
  if (!form || !list) return;
  // A large period is paged by the server: there the menus ask the server (the search box on Enter).
  if (list.dataset.paged === 'true') {
    form.addEventListener('change', function (e) { if (e.target.tagName === 'SELECT') form.submit(); });
    return;
  }
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
(function () {
  var list = document.getElementById('candidates');
  if (!list) return;
  var current = null;
  function visible() { return Array.prototype.filter.call(list.querySelectorAll('li.candidate'), function (r) { return !r.hidden; }); }
  function select(row) {
    if (current) current.classList.remove('current');
    current = row;
    if (!row) return;
    row.classList.add('current');
    row.scrollIntoView({ block: 'nearest' });
  }
  function move(step) {
    var rows = visible();
    var i = current ? rows.indexOf(current) : -1;
    select(rows[Math.max(0, Math.min(rows.length - 1, i + step))] || null);
  }
  // After a decision the page comes back at the item's anchor: start from there.
  if (location.hash.indexOf('#item-') === 0) select(document.getElementById(location.hash.slice(1)));
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
    if (e.key === 'j') { move(1); e.preventDefault(); }
    else if (e.key === 'k') { move(-1); e.preventDefault(); }
    else if (current && e.key === 'i') {
      var include = current.querySelector('form.include');
      if (include) { e.preventDefault(); include.requestSubmit(); }
    } else if (current && e.key === 'x') {
      var reason = current.querySelector('form.exclude input[name=reason]');
      if (reason) { e.preventDefault(); reason.focus(); }
    }
  });
})();
