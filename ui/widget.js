() => {
  // A click on a product card (its title is a button, for keyboards) asks about that product.
  const ask = (event) => {
    const path = event.composedPath ? event.composedPath() : [event.target];
    if (path.some((el) => el.tagName === "A")) return;  // the product link opens the shop's page
    const card = path.find((el) => el.classList && el.classList.contains("sa-card"));
    const title = card && card.querySelector(".sa-card-title");
    const root = card && card.getRootNode();
    const box = root && root.querySelector("#message textarea");
    const send = root && root.querySelector("#message button.submit-button");
    if (!title || !box || !send) return;
    event.preventDefault();
    box.value = `Tell me more about ${title.innerText.trim()}`;
    box.dispatchEvent(new Event("input", { bubbles: true }));
    setTimeout(() => send.click(), 0);
  };
  document.addEventListener("click", ask, true);

  // Name each message by what it shows (Gradio names it by its source: escapes, cards' HTML).
  const rename = () => {
    document.querySelectorAll("#chat [data-testid=bot], #chat [data-testid=user]").forEach((el) => {
      const who = el.dataset.testid === "bot" ? "Assistant" : "You";
      const name = `${who}: ${el.innerText.replace(/\s+/g, " ").trim()}`;
      if (el.getAttribute("aria-label") !== name) el.setAttribute("aria-label", name);
    });
  };
  let pending = false;
  const soon = () => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(() => { pending = false; rename(); });
    }
  };
  new MutationObserver(soon).observe(document.body, {
    childList: true, subtree: true, characterData: true, attributeFilter: ["aria-label"],
  });
}
