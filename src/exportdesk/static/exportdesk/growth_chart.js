// The buyer page's growth chart: order value per order day (bars) and days since the order
// before (line), from the JSON the orders panel embeds. The panel arrives by HTMX, so the
// chart is drawn whenever content settles (CSP: no inline JS).
(function () {
  "use strict";

  function draw(root) {
    if (typeof Chart === "undefined") {
      return;
    }
    var canvases = (root || document).querySelectorAll("canvas[data-growth-chart]");
    Array.prototype.forEach.call(canvases, function (canvas) {
      var source = document.getElementById(canvas.dataset.growthChart);
      if (!source || canvas.dataset.drawn) {
        return;
      }
      canvas.dataset.drawn = "1";
      var data = JSON.parse(source.textContent);
      new Chart(canvas, {
        data: {
          labels: data.labels,
          datasets: [
            {
              type: "bar",
              label: canvas.dataset.amountLabel,
              data: data.amounts,
              yAxisID: "amount",
              backgroundColor: "rgba(13, 110, 253, 0.5)",
              borderColor: "#0d6efd",
              borderWidth: 1
            },
            {
              type: "line",
              label: canvas.dataset.gapLabel,
              data: data.gaps,
              yAxisID: "gap",
              borderColor: "#d63384",
              backgroundColor: "#d63384",
              spanGaps: true,
              tension: 0.25
            }
          ]
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          interaction: { mode: "index", intersect: false },
          scales: {
            amount: { type: "linear", position: "left", beginAtZero: true },
            gap: {
              type: "linear",
              position: "right",
              beginAtZero: true,
              grid: { drawOnChartArea: false },
              ticks: { precision: 0 }
            }
          },
          plugins: { legend: { position: "bottom" } }
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSettle", function () { draw(document); });
})();
