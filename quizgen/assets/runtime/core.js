/* quizgen runtime, core: the shared rules and helpers every other unit uses.
 * The build joins the units into the script every page loads (core, options,
 * the common kinds, attempt, store, page, progress) and two it loads on
 * demand: the other kinds, and the progress views (quizgen/runtime.py).
 * tests/js runs the same units under Node. No dependencies, no network.
 * Rules mirror quizgen/rules.py and quizgen/attempt.py.
 */
var QuizGen = { kinds: {}, messages: {}, lang: "en" };

(function (Q) {
  var WHITESPACE = "[ \\t\\n\\r\\f\\v\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]";
  var EDGES = new RegExp("^" + WHITESPACE + "+|" + WHITESPACE + "+$", "g");
  var INNER = new RegExp(WHITESPACE + "+", "g");
  Q.EPSILON = 1e-9;

  // A property of the object itself: ids such as "constructor" must never find Object.prototype's.
  Q.own = function (object, key) {
    return object && Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
  };

  // The runtime's other files sit beside this one: loaded once, when first needed.
  var here = typeof document !== "undefined" && document.currentScript ? document.currentScript.src : "";
  var loads = {};
  // Loads a part once; false when it has loaded (or failed) already, so that it cannot help any more.
  Q.load = function (part, done) {
    if (loads[part] === true || loads[part] === false) return false;
    if (!loads[part]) {
      loads[part] = [];
      var style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = new URL(Q.parts[part][1], here || document.baseURI).href;
      var script = document.createElement("script");
      script.src = new URL(Q.parts[part][0], here || document.baseURI).href;
      script.onload = function () {
        var waiting = loads[part];
        loads[part] = true;
        waiting.forEach(function (callback) { callback(); });
      };
      script.onerror = function () { loads[part] = false; };
      // into the body: the theme's instant navigation, even to an anchor of the same page, makes the
      // head the next page's and removes what that lacks (this stylesheet: the kinds shown unstyled)
      var parent = document.body || document.head;
      parent.appendChild(style);
      parent.appendChild(script);
    }
    if (loads[part].indexOf(done) < 0) loads[part].push(done);
    return true;
  };

  Q.normalise = function (text) {
    return String(text).normalize("NFC").replace(EDGES, "").replace(INNER, " ").toLowerCase();
  };

  /* ---- the interface's words: the build gives each script its part of the language's catalogue
   * (quizgen/i18n.py, which Python's HTML uses too); plural forms by the language's CLDR rules ---- */

  Q.say = function (messages) {
    Object.keys(messages).forEach(function (key) { Q.messages[key] = messages[key]; });
  };

  // Up to two decimals, halves rounded up, no trailing zeros, with the language's decimal mark: 1.5, or 1,5
  // in German (as rules.format_points and i18n.py).
  Q.number = function (value) {
    var mark = ".", text = value.toFixed(2);
    try { mark = (1.5).toLocaleString(Q.lang).charAt(1); } catch (error) { /* an unknown language: "." */ }
    if (text.indexOf(".") >= 0) text = text.replace(/\.?0+$/, "");
    return (text === "-0" ? "0" : text).replace(".", mark);
  };

  Q.t = function (key, params) {
    var message = Q.own(Q.messages, key);
    params = params || {};
    if (message === undefined) return key; // a message stored by an older version is shown as it was written
    if (typeof message !== "string") {
      var form = "other";
      try { form = new Intl.PluralRules(Q.lang).select(Math.abs(params.count)); } catch (error) { /* "other" */ }
      message = Q.own(message, form) || message.other;
    }
    return message.replace(/\{(\w+)\}/g, function (whole, name) {
      var value = Q.own(params, name);
      if (value === undefined || value === null) return whole;
      return typeof value === "number" ? Q.number(value) : String(value);
    });
  };

  Q.percent = function (value) {
    return Q.t("quiz.percent", { value: Math.floor(value + Q.EPSILON) });
  };

  Q.isIndex = function (value, size) {
    return typeof value === "number" && value % 1 === 0 && value >= 0 && value < size;
  };

  /* ---- the seeded generator: mulberry32 and FNV-1a, as quizgen/attempt.py ---- */

  Q.mulberry32 = function (seed) {
    var a = seed | 0;
    return function () {
      a = a + 0x6D2B79F5 | 0;
      var t = Math.imul(a ^ a >>> 15, a | 1);
      t = t + Math.imul(t ^ t >>> 7, t | 61) ^ t;
      return ((t ^ t >>> 14) >>> 0) / 4294967296;
    };
  };

  Q.fnv1a = function (text) {
    var value = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) value = Math.imul(value ^ text.charCodeAt(i), 0x01000193) >>> 0;
    return value;
  };

  Q.stream = function (seed, name) {
    return Q.mulberry32((seed ^ Q.fnv1a(name)) >>> 0);
  };

  // Fisher-Yates over the places not fixed; with derange, the written order is turned by one place.
  Q.shuffled = function (size, random, fixed, derange) {
    fixed = fixed || [];
    var movable = [];
    var i;
    for (i = 0; i < size; i++) if (fixed.indexOf(i) < 0) movable.push(i);
    for (i = movable.length - 1; i > 0; i--) {
      var j = Math.floor(random() * (i + 1));
      var swap = movable[i]; movable[i] = movable[j]; movable[j] = swap;
    }
    if (derange && movable.length > 1 && movable.every(function (v, k) { return k === 0 || v > movable[k - 1]; })) {
      movable.push(movable.shift());
    }
    var order = [];
    var next = 0;
    for (i = 0; i < size; i++) order.push(fixed.indexOf(i) >= 0 ? i : movable[next++]);
    return order;
  };

  /* ---- the page: small DOM helpers (never run under Node) ---- */

  Q.all = function (root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  };

  Q.show = function (element, visible) {
    if (element) element.hidden = !visible;
  };

  // Put the children of `container` that match `selector` in `order` (written indices, read from `attribute`).
  Q.reorder = function (container, selector, order, attribute) {
    if (!container || !order) return;
    var children = Q.all(container, selector);
    order.forEach(function (index) {
      for (var i = 0; i < children.length; i++) {
        if (children[i].parentNode === container && Number(children[i].getAttribute(attribute)) === index) {
          container.appendChild(children[i]);
        }
      }
    });
  };
})(QuizGen);
