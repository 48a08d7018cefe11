// Draws the page's charts from their Vega-Lite specs, in the browser.
//
// Each chart is a <figure data-chart-spec="ID"> holding a <script type="application/json" id="ID"> with the
// spec (Django's json_script) and an element [data-chart-canvas] to draw in. The spec is the same one the
// PDFs render to SVG on the server. Expressions are evaluated by Vega's interpreter, not compiled with
// Function(), so the Content-Security-Policy needs no 'unsafe-eval'; and Vega Embed adds no <style>.
// Without JavaScript the figures stay empty: the same figures are always in the table beside them.
import vegaEmbed from "vega-embed";
import { expressionInterpreter } from "vega-interpreter";

const OPTIONS = {
  renderer: "svg",
  actions: false,
  defaultStyle: false,
  tooltip: false,
  ast: true,
  expr: expressionInterpreter,
};

// Figures as the page's language writes them: 3,5 on a Danish page (as the PDFs, grundlag/core/charts.py).
const DANISH = { decimal: ",", thousands: ".", grouping: [3], currency: ["", " kr."] };

function options() {
  return document.documentElement.lang.startsWith("da") ? { ...OPTIONS, formatLocale: DANISH } : OPTIONS;
}

function draw(figure) {
  if (figure.dataset.chartDrawn) return;
  figure.dataset.chartDrawn = "true";
  const source = document.getElementById(figure.dataset.chartSpec);
  const canvas = figure.querySelector("[data-chart-canvas]");
  if (!source || !canvas) return;
  const spec = JSON.parse(source.textContent);
  // Vega names the drawing with the page's words for it (data-chart-label), not its default.
  spec.description = figure.dataset.chartLabel;
  vegaEmbed(canvas, spec, options())
    .then(() => figure.setAttribute("data-chart-ready", "true"))
    .catch((error) => {
      figure.setAttribute("data-chart-failed", "true");
      console.error("The chart could not be drawn:", error);
    });
}

function drawAll(root) {
  root.querySelectorAll("[data-chart-spec]").forEach(draw);
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => drawAll(document));
} else {
  drawAll(document);
}
// Content that htmx swaps in may bring charts of its own.
document.addEventListener("htmx:afterSettle", (event) => drawAll(event.target));
