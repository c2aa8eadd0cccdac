// A challenge as accessible form controls, and the answer read back from them: the certification test's
// (the competence test has its own copy in evaluation.js). Proposals come in the order this test shows them;
// the answer gives their positions as shown, the server maps them back.
import { messages } from "../common.js";
import { h, inline, markdown, t } from "../ui.js";

const $ = (id) => document.getElementById(id);

function choiceControls(challenge) {
  const type = challenge.type === "QCU" ? "radio" : "checkbox";
  const legend = challenge.type === "QCU" ? messages.eval_choose_one : messages.eval_choose_many;
  return h("fieldset", { class: "choices" }, h("legend", { lang: document.documentElement.lang }, legend),
    challenge.choices.map((text, i) => h("label", null,
      h("input", { type, name: "choice", value: i + 1 }), " ", h("span", null, ...inline(text)))));
}

function fieldControls(challenge) {
  const controls = challenge.fields.map((field) => {
    const id = `field-${field.id}`;
    const control = field.options.length
      ? h("select", { id, name: field.id }, h("option", { value: "" }, messages.eval_select),
        field.options.map((option) => h("option", { value: option }, option)))
      : h("input", { id, name: field.id, type: "text", autocomplete: "off", spellcheck: "false",
        inputmode: field.number ? "decimal" : null });
    return [h("label", { for: id }, field.label), control];
  });
  if (challenge.fields.length === 1) return controls[0];
  return h("fieldset", null, h("legend", { lang: document.documentElement.lang }, messages.eval_your_answer), controls);
}

// Fills the page's challenge elements (instruction, illustration, attachments, answer controls).
export function renderChallenge(challenge) {
  $("instruction").replaceChildren(markdown(challenge.instruction));
  $("illustration").hidden = !challenge.illustration;
  if (challenge.illustration) {
    $("illustration-img").src = challenge.illustration.url;
    $("illustration-img").alt = challenge.illustration.alt;
  }
  $("attachments").hidden = !challenge.attachments.length;
  $("attachment-list").replaceChildren(...challenge.attachments.map((file) => h("li", null,
    h("a", { href: file.url, download: file.name }, t("eval_download", { name: file.name })))));
  $("answer-fields").replaceChildren(...[challenge.choices ? choiceControls(challenge) : fieldControls(challenge)].flat());
  $("focused").hidden = !challenge.focused;
  $("focused-out").hidden = true;
}

export function collectAnswer(form, challenge) {
  if (challenge.type === "QCU") {
    const checked = form.querySelector("input[name=choice]:checked");
    return { answer: checked ? Number(checked.value) : null, complete: Boolean(checked) };
  }
  if (challenge.type === "QCM") {
    const checked = [...form.querySelectorAll("input[name=choice]:checked")].map((input) => Number(input.value));
    return { answer: checked, complete: checked.length > 0 };
  }
  const answer = Object.fromEntries(challenge.fields.map((field) => [field.id, form.elements[field.id].value]));
  return { answer, complete: Object.values(answer).every((value) => value.trim()) };
}
