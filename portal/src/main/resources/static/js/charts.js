// ECharts as the dashboards draw them: every category label shown (interval 0), turned when they would not fit
// side by side, and an empty chart saying so (暂无数据, from data-empty-text on it or around it; data-empty="true" marks it) instead of bare axes.
(function () {
  'use strict';
  function isEmpty(option) {
    var series = [].concat(option.series || []);
    return series.every(function (s) {
      return !s.data || !s.data.length || s.data.every(function (v) { return v === null || v === undefined || v === 0; });
    });
  }
  // hasData, when given, decides (a rate of 0 % is data; a count of 0 everywhere is not)
  function draw(el, option, hasData) {
    if (!el || !window.echarts) { return null; }
    var empty = hasData === undefined ? isEmpty(option) : !hasData;
    var axis = option.xAxis;
    if (axis && axis.type === 'category') {
      var labels = (axis.data || []).map(String);
      var longest = labels.reduce(function (n, l) { return Math.max(n, l.length); }, 0);
      var room = (el.clientWidth || 320) / Math.max(1, labels.length);
      axis.axisLabel = Object.assign({ interval: 0, hideOverlap: false,
        rotate: longest * 14 > room ? (longest * 14 > room * 2 ? 60 : 30) : 0 }, axis.axisLabel || {});
    }
    option.grid = Object.assign({ containLabel: true, left: 8, right: 8, bottom: 8 }, option.grid || {});
    if (empty) {
      var holder = el.closest('[data-empty-text]');
      option.title = { text: holder ? holder.getAttribute('data-empty-text') : '暂无数据',
        left: 'center', top: 'middle', textStyle: { color: '#57606a', fontSize: 16, fontWeight: 'normal' } };
    }
    el.setAttribute('data-empty', empty ? 'true' : 'false');
    var chart = window.echarts.getInstanceByDom(el) || window.echarts.init(el);
    chart.setOption(option, true);
    return chart;
  }
  window.xfChart = { draw: draw, isEmpty: isEmpty };
}());
