// The challenge component of the learner's two tests, the competence test (evaluation.js) and the
// certification test (certification-test.js), over the elements of templates/learner/challenge.html: a served
// challenge as accessible form controls (proposals in the order the test shows them: the answer gives their
// positions as shown, the server maps them back), its timer, the answer read back and sent, "Je passe", the
// focused challenge left, and the "signaler un problème" dialog. What follows an answer is the page's own.
// An answer lost to the network stays in the form and sending it again is safe: the API replays the outcome.
import { ApiError, NetworkError } from "../api.js";
import { errorMessage, messages } from "../common.js";
import { h, inline, markdown, t } from "../ui.js";

const $ = (id) => document.getElementById(id);

// A status box of the component (the answer's, the report's): an error takes the focus.
function say(box, text, kind = "error") {
  box.textContent = text;
  box.className = `answer-status ${kind}`;
  box.hidden = !text;
  if (text && kind === "error") box.focus();
}

// A challenge's attachments as list items of download links (here, and in the evaluation's reviews).
export function attachmentItems(files) {
  return files.map((file) => h("li", null,
    h("a", { href: file.url, download: file.name }, t("eval_download", { name: file.name }))));
}

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

function collectAnswer(form, challenge) {
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

// The page's challenge section, wired once. The page gives:
// - post({ challenge_id, answer, skipped, focused_out }): sends the answer (adding its test's id), resolves to
//   what the API answered;
// - answered(outcome): goes on from it (the timer is stopped);
// - refused(error), optional: takes an API error the page handles itself (true when it did);
// - report, optional: the dialog's { field: the radio buttons' name, missing: the text when none is chosen,
//   post(formData): sends the report, done: the text said once sent }.
// It returns show(challenge) to fill the section (the page sets its title and shows it), stop() for the timer.
export function challengeForm({ post, answered, refused = () => false, report = null }) {
  const form = $("answer-form");
  const status = $("answer-status");
  let current = null;
  let focusedOut = false;
  let sending = false;
  let countdown = null;

  // --- the timer: visible, announced at the start and 10 s before the end -------------------------------

  function stop() {
    clearInterval(countdown);
    countdown = null;
    $("timer").hidden = true;
  }

  function startTimer(seconds) {
    stop();
    $("timer-live").textContent = "";
    if (!seconds) return;
    const end = Date.now() + seconds * 1000;
    let warned = false;
    const tick = () => {
      const left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      $("timer-value").textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
      $("timer").classList.toggle("ending", left <= 10);
      if (left <= 10 && !warned && left > 0) {
        warned = true;
        $("timer-live").textContent = t("eval_timer_warning", { n: left });
      }
      if (left === 0) {
        clearInterval(countdown);
        $("timer-live").textContent = messages.eval_timer_over;
        send(false, true);
      }
    };
    $("timer").hidden = false;
    $("timer-live").textContent = t("eval_timer_start", { n: seconds });
    tick();
    countdown = setInterval(tick, 250);
  }

  // --- a challenge --------------------------------------------------------------------------------------

  function show(challenge) {
    current = challenge;
    focusedOut = false;
    $("challenge").dataset.challengeId = challenge.id;
    $("instruction").replaceChildren(markdown(challenge.instruction));
    $("illustration").hidden = !challenge.illustration;
    if (challenge.illustration) {
      $("illustration-img").src = challenge.illustration.url;
      $("illustration-img").alt = challenge.illustration.alt;
    }
    $("attachments").hidden = !challenge.attachments.length;
    $("attachment-list").replaceChildren(...attachmentItems(challenge.attachments));
    $("answer-fields").replaceChildren(...[challenge.choices ? choiceControls(challenge) : fieldControls(challenge)].flat());
    $("focused").hidden = !challenge.focused;
    $("focused-out").hidden = true;
    say(status, "");
    startTimer(challenge.timer);
  }

  // --- answering ----------------------------------------------------------------------------------------

  function setBusy(busy) {
    sending = busy;
    for (const button of form.querySelectorAll("button")) button.disabled = busy;
    $("submit").toggleAttribute("aria-busy", busy);
  }

  async function send(skipped, timedOut = false) {
    if (sending) return;
    const { answer, complete } = collectAnswer(form, current);
    if (!skipped && !complete && !timedOut) {
      say(status, current.choices ? messages.eval_need_answer : messages.eval_need_fields);
      return;
    }
    // Out of time, no answer is sent: the server records the challenge as timed out.
    setBusy(true);
    say(status, messages.eval_sending, "info");
    let outcome;
    try {
      outcome = await post({
        challenge_id: current.id, answer: skipped || timedOut ? null : answer, skipped, focused_out: focusedOut,
      });
    } catch (error) {
      if (error instanceof ApiError && refused(error)) return;
      if (error instanceof NetworkError) say(status, messages.eval_network);
      else if (error instanceof ApiError) say(status, errorMessage(error));
      else throw error;
      return;
    } finally {
      setBusy(false);
    }
    stop();
    current = null;
    await answered(outcome);
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); send(false); });
  $("skip").addEventListener("click", () => send(true));
  document.addEventListener("visibilitychange", () => {
    if (document.hidden && current?.focused && !$("challenge").hidden) {
      focusedOut = true;
      $("focused-out").hidden = false;
    }
  });

  // --- "signaler un problème" ---------------------------------------------------------------------------

  if (report) {
    const dialog = $("report-dialog");
    const reportForm = $("report-form");
    const reportStatus = $("report-status");
    $("report").addEventListener("click", () => {
      reportForm.reset();
      say(reportStatus, "");
      dialog.showModal();
    });
    dialog.addEventListener("click", (event) => { if (event.target.matches("[data-close]")) dialog.close(); });
    reportForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      const data = new FormData(reportForm);
      if (!data.get(report.field)) {
        say(reportStatus, report.missing);
        return;
      }
      try {
        await report.post(data);
        dialog.close();
        say(status, report.done, "success");
        $("report").focus();
      } catch (error) {
        say(reportStatus, errorMessage(error));
      }
    });
  }

  return { show, stop };
}
