// 接诉即办三率: loads the rates of the chosen org from the API and draws one bar group per responsible org.
// A static file because the pages' CSP allows no inline script.
(function () {
  'use strict';
  function percent(v) { return v === null || v === undefined ? '—' : (v * 100).toFixed(1) + '%'; }
  function draw() {
    var el = document.getElementById('rates-chart');
    if (!el || !el.dataset.org) { return; }
    var params = new URLSearchParams({ org: el.dataset.org });
    var from = document.getElementById('f-from').value, to = document.getElementById('f-to').value;
    if (from) { params.set('from', from); }
    if (to) { params.set('to', to); }
    fetch(el.dataset.api + '?' + params, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (data) {
        var labels = (el.dataset.labels || 'Response,Resolution,Satisfaction').split(',');
        document.getElementById('rates-summary').textContent = data.orgName + ' · ' + labels[0] + ' ' +
          percent(data.responseRate) + ' · ' + labels[1] + ' ' + percent(data.resolutionRate) + ' · ' +
          labels[2] + ' ' + percent(data.satisfactionRate) + ' · n=' + data.counts.received;
        var body = document.querySelector('#rates-table tbody');
        body.textContent = '';
        data.orgs.forEach(function (o) {
          var tr = document.createElement('tr');
          [o.orgName, percent(o.responseRate), percent(o.resolutionRate), percent(o.satisfactionRate),
            String(o.counts.received)].forEach(function (t) {
            var td = document.createElement('td'); td.textContent = t; tr.appendChild(td);
          });
          body.appendChild(tr);
        });
        if (window.xfLabelCells) { window.xfLabelCells(document); }
        if (!window.echarts) { return; }
        function series(name, key) {
          return { name: name, type: 'bar', data: data.orgs.map(function (o) {
            return o[key] === null ? 0 : Math.round(o[key] * 1000) / 10; }) };
        }
        window.xfChart.draw(el, {
          tooltip: {}, legend: { top: 0 },
          xAxis: { type: 'category', data: data.orgs.map(function (o) { return o.orgName; }) },
          yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
          series: [series(labels[0], 'responseRate'), series(labels[1], 'resolutionRate'),
            series(labels[2], 'satisfactionRate')]
        }, data.orgs.length > 0 && data.counts.received > 0);
      })
      .catch(function (status) {
        document.getElementById('rates-summary').textContent = 'HTTP ' + status;
      });
  }
  document.addEventListener('DOMContentLoaded', draw);
}());
