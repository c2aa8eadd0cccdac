// Pix Certif, the invigilator's portal. The password opens the session for this account (the API keeps the
// grant); this tab remembers only the session number, so a reload comes back to the list. The list is asked
// again every 5 seconds and drawn again only when it changed, keeping the keyboard focus where it was.
import { api, ApiError, session } from "../api.js";
import { errorMessage, messages } from "../common.js";
import { handleForm } from "../forms.js";
import { done, h, showLoadError, t } from "../ui.js";

const $ = (id) => document.getElementById(id);
const KEY = "pix.supervision";
const POLL_MS = 5000;
let sessionId = sessionStorage.getItem(KEY);
let last = "";
let timer = null;
const confirming = new Set();

function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit" }) : "—";
}

function say(text) {
  const box = $("live-status");
  box.textContent = text;
  box.className = "form-status error";
  box.hidden = !text;
  if (text) box.focus();
}

async function act(candidate, action) {
  try {
    await api(`/api/certif/sessions/${sessionId}/supervision/candidates/${candidate}/${action}`, { method: "POST", auth: true });
    confirming.delete(candidate);
    say("");
    $("live-announce").textContent = messages[`sup_done_${action}`];
    await refresh(true);
  } catch (error) {
    say(errorMessage(error));
  }
}

function actions(c) {
  const name = `${c.first_name} ${c.last_name}`;
  const items = [];
  if (c.status === "waiting") {
    items.push(h("button", { type: "button", "data-key": `${c.candidate_id}:authorise`, onclick: () => act(c.candidate_id, "authorise") },
      c.answered || c.started_at ? t("sup_authorise_resume", { name }) : t("sup_authorise", { name })));
  }
  if (c.started_at && c.status !== "ended") {
    if (confirming.has(c.candidate_id)) {
      items.push(h("button", { type: "button", class: "danger", "data-key": `${c.candidate_id}:confirm`, onclick: () => act(c.candidate_id, "end") },
        t("sup_end_confirm", { name })));
      items.push(h("button", { type: "button", class: "secondary", "data-key": `${c.candidate_id}:cancel`,
        onclick: () => { confirming.delete(c.candidate_id); draw(JSON.parse(last)); } }, messages.cancel));
    } else {
      items.push(h("button", { type: "button", class: "outline secondary", "data-key": `${c.candidate_id}:end`,
        onclick: () => { confirming.add(c.candidate_id); draw(JSON.parse(last), `${c.candidate_id}:confirm`); } },
      t("sup_end", { name })));
    }
  }
  return items.length ? h("div", { class: "actions" }, items) : null;
}

function card(c) {
  const progress = c.total ? t("sup_progress", { n: c.answered, total: c.total }) : "—";
  const end = c.ends_at ? time(c.ends_at) + (c.extra_time_percentage ? ` (${t("sup_extra", { n: c.extra_time_percentage })})` : "") : "—";
  const status = c.status === "ended" ? messages[`sup_ended_${c.ended_by || "finished"}`] : messages[`sup_status_${c.status}`];
  return h("li", { class: `supervised status-${c.status}`, "data-candidate": c.candidate_id },
    h("h2", null, `${c.last_name} ${c.first_name}`),
    h("dl", null,
      h("div", null, h("dt", null, messages.sup_col_status), h("dd", null, h("strong", null, status))),
      h("div", null, h("dt", null, messages.sup_col_progress), h("dd", null, progress)),
      h("div", null, h("dt", null, messages.sup_col_start), h("dd", null, time(c.started_at))),
      h("div", null, h("dt", null, messages.sup_col_end), h("dd", null, end))),
    c.reports.length > 0 && h("div", { class: "reports" }, h("p", null, h("strong", null, t("sup_reports", { n: c.reports.length }))),
      h("ul", null, c.reports.map((r) => h("li", { lang: "fr" },
        `${r.question_number ? t("sup_question", { n: r.question_number }) + " · " : ""}${r.subcategory_label || r.category_label}`
        + (r.description ? ` : « ${r.description} »` : ""))))),
    actions(c));
}

function draw(live, focusKey = null) {
  const focused = focusKey || document.activeElement?.dataset?.key;
  $("live-title").textContent = t("sup_live_title", { number: live.session_id });
  $("live-where").textContent = `${live.address} · ${live.room} · ${live.time}`;
  $("candidates").replaceChildren(...live.candidates.map(card));
  if (focused) document.querySelector(`[data-key="${focused}"]`)?.focus();
}

async function refresh(force = false) {
  const live = await api(`/api/certif/sessions/${sessionId}/supervision`, { auth: true });
  const text = JSON.stringify(live.candidates);
  $("live-updated").textContent = t("sup_updated", { at: time(live.now) });
  if (force || text !== JSON.stringify(JSON.parse(last || "{}").candidates)) {
    const waiting = live.candidates.filter((c) => c.status === "waiting").length;
    last = JSON.stringify(live);
    draw(live);
    if (waiting) $("live-announce").textContent = t("sup_waiting_count", { n: waiting });
  }
}

function poll() {
  clearTimeout(timer);
  timer = setTimeout(async () => {
    try {
      await refresh();
    } catch (error) {
      if (error instanceof ApiError && [401, 403].includes(error.status)) { leave(); return; }
      $("live-updated").textContent = errorMessage(error);
    }
    poll();
  }, POLL_MS);
}

async function openLive(focus) {
  $("open").hidden = true;
  $("live").hidden = false;
  await refresh(true);
  if (focus) $("live-title").focus();
  poll();
}

function leave() {
  clearTimeout(timer);
  sessionStorage.removeItem(KEY);
  sessionId = null;
  last = "";
  $("live").hidden = true;
  $("open").hidden = false;
  $("open-title").focus();
}

$("leave").addEventListener("click", leave);
handleForm($("open-form"), async (data) => {
  const granted = await api("/api/certif/supervision", {
    method: "POST", auth: true, body: { session_id: data.get("session_id").trim(), password: data.get("password") },
  });
  sessionId = granted.session_id;
  sessionStorage.setItem(KEY, sessionId);
  $("open-form").reset();
  await openLive(true);
});

const loading = $("loading");
try {
  if (!session.get()) throw new ApiError(401, "UNAUTHENTICATED", "");
  if (sessionId) await openLive(false);
  else $("open").hidden = false;
} catch (error) {
  if (error instanceof ApiError && [403, 404].includes(error.status)) leave();
  else showLoadError(error, document.querySelector(".form-status"));
} finally {
  done(loading);
}
