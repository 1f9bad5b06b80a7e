/* The demo cart page: renders the cart from the shop API and embeds the rasa-webchat widget.
 *
 * The signed cart token travels to Rasa as the widget's customData (credentials.yml sets
 * metadata_key: customData). After every bot message the page re-reads the cart, so adds,
 * removals and swaps made in the chat show up without a reload.
 */
(() => {
  "use strict";

  const config = JSON.parse(document.getElementById("page-config").textContent);
  const SHOPPER_KEY = "demo-shop.shopper";
  const WIDGET_KEY = "chat_session"; // where rasa-webchat keeps the conversation
  const SHELF_SIZE = 4;
  const $ = (id) => document.getElementById(id);
  let shopper = null;
  let widget = null;
  let currency = "USD";
  let refreshTimer = null;
  let lastCart = null;

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function api(method, path, body, extraHeaders = {}) {
    const headers = { "Content-Type": "application/json", ...extraHeaders };
    if (shopper) headers.Authorization = `Bearer ${shopper.token}`;
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new ApiError(response.status, data.error || `HTTP ${response.status}`);
    return data;
  }

  function money(amount) {
    return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(Number(amount));
  }

  function notice(message) {
    const box = $("notice");
    box.textContent = message || "";
    box.hidden = !message;
  }

  function button(label, ariaLabel, onClick, className = "") {
    const el = document.createElement("button");
    el.type = "button";
    el.textContent = label;
    el.className = className;
    el.setAttribute("aria-label", ariaLabel);
    el.addEventListener("click", onClick);
    return el;
  }

  function renderLine(line) {
    const item = document.createElement("li");
    item.className = "line";
    item.dataset.sku = line.sku;
    const name = document.createElement("span");
    name.className = "line-name";
    name.textContent = line.name;
    const qty = document.createElement("span");
    qty.className = "line-qty";
    qty.textContent = `× ${line.quantity}`;
    qty.setAttribute("aria-label", `quantity ${line.quantity}`);
    const total = document.createElement("span");
    total.className = "line-total";
    total.textContent = money(line.line_total);
    const actions = document.createElement("span");
    actions.className = "line-actions";
    if (line.tier && line.tier > 1) {
      const payload = `/remove_too_expensive{"product": ${JSON.stringify(line.name)}}`;
      const ask = () => askAssistant(payload, `${line.name} is too pricey. Is there a cheaper one?`);
      actions.append(button("Too pricey?", `Ask the assistant for a cheaper ${line.name}`, ask, "link"));
    }
    const remove = () => removeLine(line.sku);
    actions.append(button("Remove", `Remove ${line.name} from the cart`, remove, "link"));
    item.append(name, qty, total, actions);
    return item;
  }

  function renderShipping(cart) {
    const threshold = Number(cart.free_shipping_threshold);
    const remaining = Number(cart.remaining_for_free_shipping);
    const done = remaining <= 0;
    const progress = done || threshold <= 0 ? 100 : Math.round((100 * (threshold - remaining)) / threshold);
    $("shipping-text").textContent = done
      ? "Free shipping unlocked"
      : `${money(cart.remaining_for_free_shipping)} away from free shipping`;
    $("shipping").classList.toggle("unlocked", done);
    $("shipping-bar").setAttribute("aria-valuenow", String(progress));
    $("shipping-bar-fill").style.width = `${progress}%`;
  }

  function renderCart(cart) {
    lastCart = cart;
    currency = cart.currency || currency;
    $("cart-lines").replaceChildren(...cart.lines.map(renderLine));
    $("cart-empty").hidden = cart.lines.length > 0;
    $("subtotal").textContent = money(cart.subtotal);
    $("shipping-cost").textContent = Number(cart.shipping) === 0 ? "Free" : money(cart.shipping);
    $("total").textContent = money(cart.total);
    renderShipping(cart);
  }

  async function loadCart() {
    const cart = await api("GET", `/api/carts/${shopper.cart_id}`);
    renderCart(cart);
    return cart;
  }

  async function act(work) {
    try {
      notice("");
      await work();
    } catch (error) {
      notice(error.message);
    }
  }

  function removeLine(sku) {
    return act(async () => renderCart(await api("DELETE", `/api/carts/${shopper.cart_id}/lines/${encodeURIComponent(sku)}`)));
  }

  function addProduct(sku) {
    const key = { "Idempotency-Key": crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) };
    return act(async () => renderCart(await api("POST", `/api/carts/${shopper.cart_id}/lines`, { sku, quantity: 1 }, key)));
  }

  /* Main products in stock, those from the cart's own categories first. */
  function renderShelf(products) {
    const inCart = new Set(lastCart ? lastCart.lines.map((line) => line.sku) : []);
    const cartCategories = new Set(products.filter((p) => inCart.has(p.sku)).map((p) => p.category));
    const rank = (p) => (cartCategories.has(p.category) ? 0 : 1);
    const picks = products
      .filter((p) => p.role === "main" && p.stock > 0)
      .sort((a, b) => rank(a) - rank(b) || Number(a.price) - Number(b.price))
      .slice(0, SHELF_SIZE);
    $("shelf").replaceChildren(
      ...picks.map((p) => {
        const item = document.createElement("li");
        item.className = "product";
        const name = document.createElement("span");
        name.className = "product-name";
        name.textContent = p.name;
        const price = document.createElement("span");
        price.className = "product-price";
        price.textContent = money(p.price);
        item.append(name, price, button("Add", `Add ${p.name} to the cart`, () => addProduct(p.sku)));
        return item;
      }),
    );
  }

  async function ensureShopper() {
    const stored = JSON.parse(localStorage.getItem(SHOPPER_KEY) || "null");
    if (stored && stored.token && stored.cart_id) {
      shopper = stored;
      try {
        return await loadCart();
      } catch (error) {
        if (!(error instanceof ApiError) || ![401, 403, 404].includes(error.status)) throw error;
      }
    }
    shopper = null;
    localStorage.removeItem(WIDGET_KEY); // a new shopper starts a new conversation
    shopper = await api("POST", "/api/demo/shoppers");
    localStorage.setItem(SHOPPER_KEY, JSON.stringify(shopper));
    return loadCart();
  }

  /* Send an intent payload through the widget, shown in the chat as the shopper's words. */
  function askAssistant(payload, text) {
    if (widget && typeof widget.sendMessage === "function") {
      widget.sendMessage(payload, text);
      $("chat").focus();
    } else {
      notice("The assistant is still connecting — try again in a moment.");
    }
  }

  function refreshSoon() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => loadCart().catch((error) => notice(error.message)), 150);
  }

  /* rasa-webchat renders quick replies as plain <div>s: make them real keyboard buttons,
   * and give the input, send button and message list accessible names. */
  function makeAccessible(root) {
    root.querySelectorAll(".rw-reply:not([data-a11y])").forEach((el) => {
      el.dataset.a11y = "1";
      el.setAttribute("role", "button");
      el.tabIndex = 0;
      el.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          el.click();
        }
      });
    });
    const label = (selector, text) =>
      root.querySelectorAll(`${selector}:not([aria-label])`).forEach((el) => el.setAttribute("aria-label", text));
    label(".rw-new-message", "Message the checkout assistant");
    label(".rw-send", "Send message");
    root.querySelectorAll(".rw-messages-container:not([role])").forEach((el) => {
      el.setAttribute("role", "log");
      el.setAttribute("aria-live", "polite");
      el.setAttribute("aria-label", "Conversation with the checkout assistant");
    });
  }

  function startWidget() {
    const mount = $("webchat");
    if (!window.WebChat) {
      $("chat-offline").hidden = false;
      return;
    }
    new MutationObserver(() => makeAccessible(mount)).observe(mount, { childList: true, subtree: true });
    window.WebChat.default(
      {
        socketUrl: config.socketUrl,
        socketPath: "/socket.io/",
        customData: { token: shopper.token },
        initPayload: "/greet",
        title: "",
        inputTextFieldHint: "Ask about your cart…",
        embedded: true,
        showCloseButton: false,
        hideWhenNotConnected: false,
        params: { storage: "local" },
        customMessageDelay: () => 150,
        onSocketEvent: { bot_uttered: refreshSoon },
        innerRef: (ref) => {
          widget = ref;
        },
      },
      mount,
    );
  }

  /* "Continue in chat": a one-time code (and a Telegram deep link) for this cart. */
  async function continueInChat() {
    try {
      const link = await api("POST", `/api/carts/${shopper.cart_id}/link-codes`);
      $("link-command").textContent = link.command;
      $("telegram-line").hidden = !link.telegram_url;
      if (link.telegram_url) $("telegram-link").href = link.telegram_url;
      const until = new Date(link.expires_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
      $("link-expiry").textContent = `The code works once, until ${until}.`;
      $("continue-panel").hidden = false;
    } catch (error) {
      notice(`Could not make a chat code: ${error.message}`);
    }
  }

  async function main() {
    $("continue-button").addEventListener("click", continueInChat);
    try {
      await ensureShopper();
    } catch (error) {
      notice(`Could not load your cart: ${error.message}`);
      return;
    }
    api("GET", "/api/products")
      .then((data) => renderShelf(data.products))
      .catch((error) => notice(error.message));
    startWidget();
  }

  main();
})();
