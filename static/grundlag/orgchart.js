// Organisation chart: open and close a unit's children, loading them the first time.
// Each toggle is a native button with aria-expanded, so it works with Tab, Enter and Space.
document.addEventListener("click", async (event) => {
  const button = event.target.closest(".grundlag-tree-toggle");
  if (!button) return;
  const children = document.getElementById(button.getAttribute("aria-controls"));
  if (button.getAttribute("aria-expanded") === "true") {
    children.hidden = true;
    button.setAttribute("aria-expanded", "false");
    return;
  }
  if (!children.dataset.loaded) {
    button.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(button.dataset.childrenUrl, { headers: { "HX-Request": "true" } });
      if (!response.ok) throw new Error(response.statusText);
      children.innerHTML = await response.text();
      children.dataset.loaded = "true";
    } catch (error) {
      children.textContent = button.dataset.errorText || "…";
    } finally {
      button.removeAttribute("aria-busy");
    }
  }
  children.hidden = false;
  button.setAttribute("aria-expanded", "true");
});
