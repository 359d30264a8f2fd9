/* quizgen runtime, progress on every page: ticks in the site's navigation and
 * "Continue" links; on the progress page and the certificate it loads the
 * views unit (views.js). The course's manifest, a script the build writes,
 * calls QuizGen.setCourse with the course's checks in order.
 * Views only ever write what changed: a theme's MutationObserver-driven
 * refresh must come to rest.
 */
(function (Q) {
  if (typeof document === "undefined") return;
  var root = document.baseURI;

  Q.setCourse = function (course) {
    var script = document.currentScript;
    if (script && script.src) root = script.src.replace(/assets\/quizgen\/[^\/]*$/, "");
    Q.course = course;
    Q.views();
  };

  function address(url) {
    var link = new URL(url, root);
    return link.origin + link.pathname.replace(/index\.html$/, "");
  }
  function required() {
    return Q.course ? Q.course.lessons.concat(Q.course.final ? [Q.course.final] : []) : [];
  }
  function passed(id) {
    var quiz = Q.store.quiz(id);
    return Boolean(quiz && quiz.passed);
  }
  function text(element, value) { if (element && element.textContent !== value) element.textContent = value; }
  function show(element, shown) { if (element && element.hidden === shown) element.hidden = !shown; }

  function ticks() {
    var byAddress = {};
    required().forEach(function (item) { byAddress[address(item.url)] = item.id; });
    Q.all(document, "nav a[href]").forEach(function (link) {
      // a link to a part of a page (its contents, where a theme may have made the address absolute) is not the lesson
      if (link.getAttribute("href").charAt(0) === "#" || link.hash) return;
      var id = byAddress[address(link.href)];
      var tick = link.querySelector(".quizgen-tick");
      if (id && passed(id) && !tick) {
        tick = document.createElement("span");
        tick.className = "quizgen-tick";
        tick.innerHTML = '<span aria-hidden="true">\u2713</span><span class="quizgen-sr"></span>';
        tick.lastChild.textContent = " " + Q.t("quiz.passed_mark");
        link.appendChild(tick);
      } else if (tick && !(id && passed(id))) {
        tick.remove();
      }
    });
  }

  // The next check to take, and how to say so.
  function next() {
    var items = required();
    var todo = items.filter(function (item) { return !passed(item.id); })[0];
    if (!todo) return Q.course.certificate ? { url: Q.course.certificate, text: Q.t("pages.continue_certificate") } : null;
    var started = items.some(function (item) { return (Q.store.quiz(item.id) || {}).tries; });
    var key = Q.course.final && todo.id === Q.course.final.id ? "pages.continue_final" : started ? "pages.continue_with" : "pages.continue_start";
    return { url: todo.url, text: Q.t(key, { title: todo.title }) };
  }

  function continueLinks() {
    var holders = Q.all(document, '[data-quizgen="continue"]');
    // a Continue link's words come with it (few pages have one), in the page's language
    holders.forEach(function (holder) { Q.say(JSON.parse(holder.getAttribute("data-words") || "{}")); });
    var target = holders.length ? next() : null;
    holders.forEach(function (holder) {
      show(holder, Boolean(target));
      var link = holder.querySelector("a");
      if (!target || !link) return;
      var href = new URL(target.url, root).href;
      if (link.href !== href) link.href = href;
      text(link, target.text);
    });
  }

  function notices() {
    Q.all(document, "[data-quizgen] > .quizgen-notice").forEach(function (notice) {
      text(notice, Q.store.message());
      show(notice, Boolean(notice.textContent));
      if (notice.textContent) Q.store.seen();
    });
  }

  // The progress page and the certificate need more code than other pages: it is loaded when one is shown.
  function loadViews() {
    if (document.querySelector('[data-quizgen="progress"],[data-quizgen="certificate"]')) Q.load("views", Q.views);
  }

  Q.views = function () {
    if (!Q.course) return;
    ticks();
    continueLinks();
    notices();
    if (Q.pages) Q.pages();
    else loadViews();
  };
  Q.store.listen(Q.views);
  Q.passed = passed;
  Q.required = required;
  Q.text = text;
  Q.showIf = show;

})(QuizGen);
