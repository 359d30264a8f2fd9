/* single: one right option; response = the chosen option's written index. */
(function (Q) {
  var O = Q.options;
  Q.kinds.single = {
    score: function (question, response) {
      return Q.isIndex(response, question.options) && question.correct.indexOf(response) >= 0 ? question.points : 0;
    },
    read: function (fieldset) {
      var checked = O.checked(fieldset);
      return checked.length ? Number(checked[0]) : null;
    },
    write: function (fieldset, question, response) {
      O.check(fieldset, Q.isIndex(response, question.options) ? [String(response)] : []);
    },
    arrange: function (fieldset, question, orders) { O.arrange(fieldset, orders.options); },
    show: function (fieldset, question, response, scored, all) {
      O.mark(fieldset, function (i) { return question.correct.indexOf(i) >= 0; }, scored.state === "correct", all);
    },
    clear: O.clear
  };
})(QuizGen);
