/* matching: a <select> of the choices per pair; response = each written pair's chosen choice index or null.
 * Score: points * pairs matched rightly / pairs. */
(function (Q) {
  function selects(fieldset) { return Q.all(fieldset, ".quizgen-pair select"); }

  function indexOf(select) { return Number(select.closest(".quizgen-pair").getAttribute("data-index")); }

  Q.kinds.matching = {
    score: function (question, response) {
      var given = Array.isArray(response) ? response : [];
      var right = 0;
      for (var i = 0; i < question.pairs; i++) if (given[i] === i) right += 1;
      return question.points * right / question.pairs;
    },
    read: function (fieldset, question) {
      var response = [];
      for (var i = 0; i < question.pairs; i++) response.push(null);
      selects(fieldset).forEach(function (select) {
        if (select.value !== "") response[indexOf(select)] = Number(select.value);
      });
      return response;
    },
    write: function (fieldset, question, response) {
      selects(fieldset).forEach(function (select) {
        var value = Array.isArray(response) ? response[indexOf(select)] : null;
        select.value = Q.isIndex(value, question.choices) ? String(value) : "";
      });
    },
    answered: function (response) {
      return Array.isArray(response) && response.some(function (p) { return p !== null; });
    },
    arrange: function (fieldset, question, orders) {
      selects(fieldset).forEach(function (select) {
        Q.reorder(select, "option[value]:not([value=''])", orders.choices, "value");
      });
    },
    show: function (fieldset, question, response) {
      var given = Array.isArray(response) ? response : [];
      Q.all(fieldset, ".quizgen-pair").forEach(function (pair) {
        var index = Number(pair.getAttribute("data-index"));
        var right = given[index] === index;
        pair.classList.add(right ? "is-chosen-right" : "is-chosen-wrong");
        pair.querySelector(".quizgen-option-state").textContent = right ? "Right" : "Not right";
        Q.show(pair.querySelector(".quizgen-right-answer"), !right);
      });
    },
    clear: function (fieldset) {
      Q.all(fieldset, ".quizgen-pair").forEach(function (pair) {
        pair.classList.remove("is-chosen-right", "is-chosen-wrong");
        pair.querySelector(".quizgen-option-state").textContent = "";
        Q.show(pair.querySelector(".quizgen-right-answer"), false);
      });
    }
  };
})(QuizGen);
