// The Patterns page's chart: intents per month, from the JSON the page embeds (CSP: no inline JS).
(function () {
  "use strict";
  var canvas = document.getElementById("intents-chart");
  var source = document.getElementById("intents-chart-data");
  if (!canvas || !source || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var palette = ["#0d6efd", "#d63384", "#198754", "#fd7e14", "#6f42c1", "#20c997", "#dc3545",
    "#0dcaf0", "#ffc107", "#6c757d", "#6610f2", "#adb5bd", "#343a40", "#198754"];
  data.datasets.forEach(function (dataset, index) {
    var color = palette[index % palette.length];
    dataset.borderColor = color;
    dataset.backgroundColor = color;
    dataset.cubicInterpolationMode = "monotone";  // smooth, never below zero
  });
  new Chart(canvas, {
    type: "line",
    data: data,
    options: {
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: "index", intersect: false },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: "bottom" } }
    }
  });
})();
