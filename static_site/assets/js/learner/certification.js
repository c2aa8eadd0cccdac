// The learner's certification: eligibility, then joining a session (number, names, birth date), the access
// code, and waiting: the page asks the API every 3 seconds until the invigilator authorises, then opens the test.
import { api, ApiError } from "../api.js";
import { errorMessage, root } from "../common.js";
import { handleForm } from "../forms.js";
import { done, h, showLoadError, t } from "../ui.js";

const $ = (id) => document.getElementById(id);
const status = document.querySelector(".form-status");
const POLL_MS = 3000;
let courseId = null;
let polling = null;

function show(id, focus = true) {
  for (const section of ["join", "code", "waiting", "over"]) $(section).hidden = section !== id;
  if (focus) $(`${id}-title`).focus();
}

function openTest() {
  window.location.assign(`${root}certification/epreuve/#${encodeURIComponent(courseId)}`);
}

function follow(state) {
  courseId = state.course_id;
  if (state.status === "ended") {
    $("over-text").textContent = t("cert_over_text", { number: state.course_id });
    show("over");
  } else if (state.status === "authorised") {
    openTest();
  } else if (state.status === "waiting") {
    show("waiting");
    poll();
  } else {
    $("code-lead").textContent = state.started ? t("cert_code_resume") : t("cert_code_lead");
    show("code");
  }
}

function poll() {
  clearTimeout(polling);
  polling = setTimeout(async () => {
    try {
      const state = await api(`/api/certification/courses/${encodeURIComponent(courseId)}`, { auth: true });
      if (state.status === "authorised") { openTest(); return; }
      if (state.status !== "waiting") { follow(state); return; }
      $("waiting-status").textContent = t("cert_waiting_text");
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) { showLoadError(error, status); return; }
      $("waiting-status").textContent = errorMessage(error);
    }
    poll();
  }, POLL_MS);
}

handleForm($("join-form"), async (data) => {
  const state = await api("/api/certification/courses", {
    method: "POST", auth: true,
    body: { session_id: data.get("session_id").trim(), last_name: data.get("last_name").trim(),
      first_name: data.get("first_name").trim(), birth_date: data.get("birth_date") },
  });
  follow(state);
});

handleForm($("code-form"), async (data) => {
  const state = await api(`/api/certification/courses/${encodeURIComponent(courseId)}/entry`, {
    method: "POST", auth: true, body: { access_code: data.get("access_code").trim() },
  });
  follow(state);
});

const loading = $("loading");
try {
  const mine = await api("/api/certification/eligibility", { auth: true });
  $("eligibility").hidden = false;
  $("eligibility-text").textContent = mine.eligible
    ? t("cert_eligible", { n: mine.tested.length })
    : t("cert_not_eligible", { n: mine.tested.length, needed: mine.needed, missing: mine.missing });
  $("tested-box").hidden = !mine.tested.length;
  $("tested").replaceChildren(...mine.tested.map((c) => h("li", null, t("cert_tested_item", { code: c.code, title: c.title, level: c.level }))));
  $("not-eligible").hidden = mine.eligible;
  if (mine.course_id) {
    courseId = mine.course_id;
    follow(await api(`/api/certification/courses/${encodeURIComponent(courseId)}`, { auth: true }));
  } else if (mine.eligible) {
    show("join", false);
  }
} catch (error) {
  showLoadError(error, status);
} finally {
  done(loading);
}
