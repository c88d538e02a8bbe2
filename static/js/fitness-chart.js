// Fitness, fatigue and form of the last 90 days.
// The data (already translated) comes from the page as <script id="fitness-data" type="application/json">.
(function () {
  "use strict";

  var source = document.getElementById("fitness-data");
  var canvas = document.getElementById("fitness-chart");
  if (!source || !canvas || typeof window.Chart === "undefined") {
    return; // today's three values stand above the chart
  }
  var data = JSON.parse(source.textContent);
  var styles = getComputedStyle(document.documentElement);
  var colour = function (name, fallback) {
    return styles.getPropertyValue(name).trim() || fallback;
  };
  var blue = colour("--bs-primary", "#0d6efd");
  var red = colour("--bs-danger", "#dc3545");
  var grey = colour("--bs-secondary", "#6c757d");
  var line = function (series, colourValue, dash) {
    return {
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
  };

  new window.Chart(canvas, {
    data: {
      labels: data.labels,
      datasets: [
        line(data.fitness, blue, []),
        line(data.fatigue, red, [6, 4]),
        line(data.form, grey, [2, 3]),
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      // A tap shows every value of that day; no hover needed.
      interaction: { mode: "index", intersect: false },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 14 } },
      },
      scales: {
        x: { ticks: { autoSkip: true, maxTicksLimit: 6, maxRotation: 0 } },
      },
    },
  });
})();
