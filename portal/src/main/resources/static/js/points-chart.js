// The dashboard's 先锋指数 card: the org's branches ranked by index (a bar each, best at the top), drawn with ECharts
// from /api/points/orgs/{code}; a branch's own page shows its index against its members' average. A click on a bar
// opens that branch's ranking (the entries behind its number).
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var card = document.getElementById('points-card');
    var el = document.getElementById('points-chart');
    if (!card || !el || !window.echarts) { return; }
    fetch(card.getAttribute('data-api'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (d) {
        var rows = d.index === null || d.index === undefined
          ? d.children.filter(function (c) { return c.index !== null && c.index !== undefined; })
          : [{ code: d.org, name: d.name, index: d.index, memberAverage: d.memberAverage }];
        rows = rows.slice().reverse();
        var chart = window.echarts.init(el);
        chart.setOption({ tooltip: {}, legend: {}, grid: { containLabel: true },
          xAxis: { type: 'value' }, yAxis: { type: 'category', data: rows.map(function (c) { return c.name; }) },
          series: [{ name: card.getAttribute('data-label'), type: 'bar', data: rows.map(function (c) { return c.index; }) },
                   { name: card.getAttribute('data-average'), type: 'bar', data: rows.map(function (c) { return c.memberAverage; }) }] });
        chart.on('click', function (p) {
          var row = rows[p.dataIndex];
          if (row) { window.location.href = el.ownerDocument.location.pathname.replace(/dashboard$/, 'points') + '?org=' + encodeURIComponent(row.code); }
        });
        el.setAttribute('data-drawn', String(rows.length));
      })
      .catch(function () { el.setAttribute('data-drawn', 'error'); });
  });
})();
