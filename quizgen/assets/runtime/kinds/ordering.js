/* ordering: a <select> of positions per item; response = each written item's position (0 = first) or null.
 * Score: each item followed by its right successor earns points / (items - 1). A position given to two
 * items places neither; the page points such positions out before scoring (problem). */
(function (Q) {
  function placed(response, count) {
    var given = Array.isArray(response) ? response : [];
    var positions = [];
    for (var i = 0; i < count; i++) positions.push(Q.isIndex(given[i], count) ? given[i] : null);
    return positions.map(function (p) {
      return p !== null && positions.indexOf(p) !== positions.lastIndexOf(p) ? null : p;
    });
  }

  function selects(fieldset) { return Q.all(fieldset, ".quizgen-item select"); }

  Q.kinds.ordering = {
    score: function (question, response) {
      var at = placed(response, question.items);
      var pairs = 0;
      for (var i = 0; i < question.items - 1; i++) if (at[i] !== null && at[i + 1] === at[i] + 1) pairs += 1;
      return question.points * pairs / (question.items - 1);
    },
    read: function (fieldset, question) { return Q.options.readSelects(fieldset, ".quizgen-item", question.items); },
    write: function (fieldset, question, response) {
      Q.options.writeSelects(fieldset, ".quizgen-item", response, question.items);
    },
    answered: Q.options.anySelected,
    arrange: function (fieldset, question, orders) {
      Q.reorder(fieldset.querySelector(".quizgen-items"), ".quizgen-item", orders.items, "data-index");
    },
    // Positions given twice, named for the learner, with their selects marked invalid.
    problem: function (fieldset) {
      var byPosition = {};
      var twice = [];
      selects(fieldset).forEach(function (select) {
        select.removeAttribute("aria-invalid");
        if (select.value === "") return;
        (byPosition[select.value] = byPosition[select.value] || []).push(select);
      });
      Object.keys(byPosition).sort().forEach(function (position) {
        if (byPosition[position].length < 2) return;
        twice.push(Number(position) + 1);
        byPosition[position].forEach(function (select) { select.setAttribute("aria-invalid", "true"); });
      });
      if (!twice.length) return null;
      var last = twice.pop();
      var positions = twice.length ? Q.t("kinds.and", { first: twice.join(", "), last: last }) : last;
      return Q.t(twice.length ? "kinds.positions_twice" : "kinds.position_twice", { positions: positions });
    },
    show: function (fieldset, question, response, scored) {
      var at = placed(response, question.items);
      Q.all(fieldset, ".quizgen-item").forEach(function (item) {
        var index = Number(item.getAttribute("data-index"));
        var right = at[index] === index;
        item.classList.add(right ? "is-chosen-right" : "is-chosen-wrong");
        item.querySelector(".quizgen-option-state").textContent =
          right ? Q.t("kinds.in_place") : Q.t("kinds.goes_at", { position: index + 1 });
      });
      Q.show(fieldset.querySelector(".quizgen-right-order"), scored.state !== "correct");
    },
    clear: function (fieldset) {
      Q.all(fieldset, ".quizgen-item").forEach(function (item) {
        item.classList.remove("is-chosen-right", "is-chosen-wrong");
        item.querySelector(".quizgen-option-state").textContent = "";
      });
      Q.show(fieldset.querySelector(".quizgen-right-order"), false);
    }
  };
})(QuizGen);
