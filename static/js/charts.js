// What every runningcoach chart shares: theme colours, a dashed line series and the options
// for a phone (no animation, a tap shows every value of that day, no hover needed).
// Loaded after vendor/chartjs/chart.umd.min.js and before the page's chart script.
(function () {
  "use strict";

  var styles = getComputedStyle(document.documentElement);

  window.runningcoachCharts = {
    colour: function (name, fallback) {
      return styles.getPropertyValue(name).trim() || fallback;
    },
    line: function (series, colourValue, dash, extra) {
      var dataset = {
        type: "line",
        label: series.label,
        data: series.data,
        borderColor: colourValue,
        backgroundColor: colourValue,
        borderWidth: 2,
        borderDash: dash, // told apart by the dashes, not by colour alone
        pointRadius: 0,
        tension: 0.25,
      };
      return Object.assign(dataset, extra || {});
    },
    options: function (maxTicks, scales) {
      return {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 14 } },
        },
        scales: Object.assign(
          { x: { ticks: { autoSkip: true, maxTicksLimit: maxTicks, maxRotation: 0 } } },
          scales || {}
        ),
      };
    },
  };
})();
