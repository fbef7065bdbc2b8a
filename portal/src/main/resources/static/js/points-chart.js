// The dashboard's 先锋指数 card: the org's branches ranked by index (best at the top), each bar stacked from its two
// parts, the members' average and the committee's assessment, drawn with ECharts from /api/points/orgs/{code}; a
// branch's own page shows its own bar. A click on a bar opens the ledger entries behind that branch's number.
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
          : [{ code: d.org, name: d.name, index: d.index, memberAverage: d.memberAverage, assessment: d.assessment }];
        rows = rows.slice().reverse();
        var chart = window.echarts.init(el);
        chart.setOption({ tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } }, legend: {}, grid: { containLabel: true },
          xAxis: { type: 'value' }, yAxis: { type: 'category', data: rows.map(function (c) { return c.name; }) },
          series: [{ name: card.getAttribute('data-average'), type: 'bar', stack: 'index',
                     data: rows.map(function (c) { return c.memberAverage; }) },
                   { name: card.getAttribute('data-assessment'), type: 'bar', stack: 'index',
                     label: { show: true, position: 'right', formatter: function (p) { return rows[p.dataIndex].index; } },
                     data: rows.map(function (c) { return c.assessment; }) }] });
        chart.on('click', function (p) {
          var row = rows[p.dataIndex];
          if (row) {
            window.location.href = card.getAttribute('data-entries') + '?org=' + encodeURIComponent(row.code)
              + '&year=' + encodeURIComponent(d.year);
          }
        });
        el.setAttribute('data-drawn', String(rows.length));
      })
      .catch(function () { el.setAttribute('data-drawn', 'error'); });
  });
})();
