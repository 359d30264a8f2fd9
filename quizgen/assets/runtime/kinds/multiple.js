/* multiple: checkboxes; response = the ticked options' written indices.
 * Score: points * max(0, right ticked - wrong ticked) / number of right options. */
(function (Q) {
  var O = Q.options;
  Q.kinds.multiple = {
    score: function (question, response) {
      var chosen = Array.isArray(response) ? response : [];
      var right = 0;
      var wrong = 0;
      chosen.forEach(function (index, position) {
        if (chosen.indexOf(index) !== position || !Q.isIndex(index, question.options)) return; // once each
        if (question.correct.indexOf(index) >= 0) right += 1;
        else wrong += 1;
      });
      return question.points * Math.max(0, right - wrong) / question.correct.length;
    },
    read: function (fieldset) { return O.checked(fieldset).map(Number); },
    write: function (fieldset, question, response) {
      O.check(fieldset, Array.isArray(response) ? response.map(String) : []);
    },
    arrange: function (fieldset, question, orders) { O.arrange(fieldset, orders.options); },
    show: function (fieldset, question, response, scored, all) {
      O.mark(fieldset, function (i) { return question.correct.indexOf(i) >= 0; }, scored.state === "correct", all);
    },
    clear: O.clear
  };
})(QuizGen);
