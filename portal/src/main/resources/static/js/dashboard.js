// A committee's dashboard: four charts drawn with ECharts from /api/dashboard (a static file: the CSP allows no
// inline script). Labels come from the page's data attributes, so the charts follow the page's language.
(function () {
  'use strict';
  function chart(id, option, hasData) {
    var el = document.getElementById(id);
    if (!el || !window.echarts) { return; }
    window.xfChart.draw(el, option, hasData);
  }
  function label(key) { return document.getElementById('dashboard').getAttribute('data-' + key); }
  document.addEventListener('DOMContentLoaded', function () {
    var root = document.getElementById('dashboard');
    if (!root) { return; }
    fetch(root.getAttribute('data-api'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (d) {
        var processes = Object.keys(d.casesByProcess);
        var statuses = ['ACTIVE', 'COMPLETED', 'REJECTED', 'CANCELLED'];
        chart('cases-chart', { tooltip: {}, legend: {}, xAxis: { type: 'category', data: processes.map(function (p) {
            return label('process-' + p) || p; }) }, yAxis: { type: 'value', minInterval: 1 },
          series: statuses.map(function (s) { return { name: label('status-' + s) || s, type: 'bar', stack: 'all',
            data: processes.map(function (p) { return d.casesByProcess[p][s] || 0; }) }; }) });
        chart('stages-chart', { tooltip: {}, xAxis: { type: 'category', data: label('stages').split(',') },
          yAxis: { type: 'value', minInterval: 1 }, series: [{ type: 'bar', data: d.admissionStages }] });
        chart('overdue-chart', { tooltip: {}, legend: {}, xAxis: { type: 'category', data: d.overdueByOrg.map(function (o) {
            return o.name; }) }, yAxis: { type: 'value', minInterval: 1 },
          series: [{ name: label('open'), type: 'bar', data: d.overdueByOrg.map(function (o) { return o.open; }) },
                   { name: label('overdue'), type: 'bar', data: d.overdueByOrg.map(function (o) { return o.overdue; }) }] });
        var rates = d.complaints;
        chart('rates-chart', { tooltip: {}, xAxis: { type: 'category', data: label('rates').split(',') },
          yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
          series: [{ type: 'bar', data: [rates.responseRate, rates.resolutionRate, rates.satisfactionRate].map(function (v) {
            return v === null ? 0 : Math.round(v * 1000) / 10; }) }] },
          [rates.responseRate, rates.resolutionRate, rates.satisfactionRate].some(function (v) { return v !== null && v !== undefined; }));
        document.getElementById('meetings-summary').textContent =
          d.meetings.compliantBranches + ' / ' + d.meetings.branches + ' · ' + label('overdue') + ' ' + d.meetings.overdueCells;
        document.getElementById('tasks-summary').textContent = d.tasks.open + ' · ' + label('overdue') + ' ' + d.tasks.overdue;
        var pct = function (v) { return v === null || v === undefined ? 0 : Math.round(v * 1000) / 10; };
        chart('dues-chart', { tooltip: {}, xAxis: { type: 'category', data: d.dues.orgs.map(function (o) { return o.name; }) },
          yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
          series: [{ name: label('dues-rate'), type: 'bar', data: d.dues.orgs.map(function (o) { return pct(o.rate); }) }] },
          d.dues.orgs.some(function (o) { return o.rate !== null && o.rate !== undefined; }));
        chart('dues-trend', { tooltip: {}, xAxis: { type: 'category', data: d.dues.trend.map(function (m) { return m.month; }) },
          yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
          series: [{ name: label('dues-rate'), type: 'line', data: d.dues.trend.map(function (m) { return pct(m.rate); }) }] },
          d.dues.trend.some(function (m) { return m.rate !== null && m.rate !== undefined; }));
        document.getElementById('dues-summary').textContent = d.dues.paid + ' / ' + d.dues.due
          + (d.dues.rate === null || d.dues.rate === undefined ? '' : ' · ' + pct(d.dues.rate) + '%');
        root.setAttribute('data-ready', 'true');
      })
      .catch(function () { root.setAttribute('data-ready', 'error'); });
  });
})();
