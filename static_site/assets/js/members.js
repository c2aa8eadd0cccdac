// Members and invitations of a place (an organisation in Pix Orga, a centre in Pix Certif): one page for both.
// The section's script mounts it with where the place's API lives; admins manage, members see and may leave.
// `place.path(rest)`: the API path of the place (+ rest); `place.home`: where to go after leaving;
// `place.forget()`: what the section remembers of the place, dropped when leaving.
import { api } from "./api.js";
import { errorMessage } from "./common.js";
import { handleForm, showStatus } from "./forms.js";
import { pagedList } from "./paged-list.js";
import { done, formatDate, h, showLoadError, t } from "./ui.js";

export async function mountMembers(place) {
  const loading = document.getElementById("loading");
  const box = document.querySelector(".form-status");
  const rows = document.getElementById("members-rows");
  const more = document.getElementById("more");
  let myRole = null;
  let me = null;
  let placeName = "";

  function say(text, kind = "success") {
    box.textContent = text;
    box.className = `form-status ${kind}`;
    box.hidden = false;
    box.focus();
  }

  async function act(promise, successKey, values = {}) {
    try {
      await promise;
      say(t(successKey, values));
      return true;
    } catch (error) {
      say(errorMessage(error), "error");
      return false;
    }
  }

  function memberRow(member) {
    const name = `${member.first_name} ${member.last_name}`;
    const cells = [
      h("td", null, name, member.user_id === me ? ` (${t("members_you")})` : ""),
      h("td", null, member.email || "—"),
    ];
    let row = null;
    if (myRole === "ADMIN") {
      const select = h("select", { "aria-label": t("members_role_of", { name }) },
        h("option", { value: "MEMBER", selected: member.role === "MEMBER" }, t("members_role_MEMBER")),
        h("option", { value: "ADMIN", selected: member.role === "ADMIN" }, t("members_role_ADMIN")));
      select.addEventListener("change", async () => {
        const ok = await act(api(place.path(`/members/${member.user_id}`),
          { auth: true, method: "PATCH", body: { role: select.value } }), "members_role_changed");
        if (!ok) select.value = member.role; else member.role = select.value;
      });
      const remove = h("button", { type: "button", class: "secondary outline" }, t("members_remove"),
        h("span", { class: "visually-hidden" }, ` ${name}`));
      remove.addEventListener("click", async () => {
        if (!window.confirm(t("members_remove_confirm", { name, place: placeName }))) return;
        if (await act(api(place.path(`/members/${member.user_id}`), { auth: true, method: "DELETE" }),
          "members_removed")) row.remove();
      });
      cells.push(h("td", null, select), h("td", null, remove));
    } else {
      cells.push(h("td", null, t(`members_role_${member.role}`)));
    }
    row = h("tr", null, ...cells);
    return row;
  }

  const members = pagedList({
    rows,
    more,
    fetchPage: (cursor) => {
      const query = new URLSearchParams({ limit: "50" });
      if (cursor) query.set("cursor", cursor);
      return api(place.path(`/members?${query}`), { auth: true });
    },
    items: (page) => {
      myRole = page.my_role; // the rows' controls depend on it
      return page.members;
    },
    row: memberRow,
    onError: (error) => showLoadError(error, box),
  });

  function emptyPending() {
    document.getElementById("pending-empty").hidden = document.getElementById("pending-rows").children.length > 0;
  }

  function pendingRow(invitation) {
    const resend = h("button", { type: "button", class: "secondary" }, t("members_resend"),
      h("span", { class: "visually-hidden" }, ` ${invitation.email}`));
    const cancel = h("button", { type: "button", class: "secondary outline" }, t("members_cancel_invitation"),
      h("span", { class: "visually-hidden" }, ` ${invitation.email}`));
    const expires = h("td", null, invitation.expired ? t("members_expired") : formatDate(invitation.expires_at));
    resend.addEventListener("click", async () => {
      try {
        const again = await api(place.path(`/invitations/${invitation.id}/resend`), { auth: true, method: "POST" });
        expires.textContent = formatDate(again.expires_at);
        say(t("members_resent", { email: invitation.email }));
      } catch (error) { say(errorMessage(error), "error"); }
    });
    const row = h("tr", null, h("td", null, invitation.email), h("td", null, t(`members_role_${invitation.role}`)),
      expires, h("td", null, resend, " ", cancel));
    cancel.addEventListener("click", async () => {
      if (await act(api(place.path(`/invitations/${invitation.id}`), { auth: true, method: "DELETE" }),
        "members_invitation_cancelled")) { row.remove(); emptyPending(); }
    });
    return row;
  }

  async function loadInvitations() {
    const list = await api(place.path("/invitations"), { auth: true });
    document.getElementById("pending-rows").replaceChildren(...list.invitations.map(pendingRow));
    emptyPending();
  }

  document.getElementById("leave").addEventListener("click", async () => {
    if (!window.confirm(t("members_leave_confirm", { place: placeName }))) return;
    if (await act(api(place.path("/leave"), { auth: true, method: "POST" }), "members_left", { place: placeName })) {
      place.forget();
      window.location.assign(place.home);
    }
  });

  handleForm(document.getElementById("invite-form"), async (data) => {
    const emails = String(data.get("emails")).split(/[\s,;]+/).map((e) => e.trim()).filter(Boolean);
    const sent = await api(place.path("/invitations"),
      { auth: true, method: "POST", body: { emails, role: data.get("role"), lang: document.documentElement.lang } });
    document.getElementById("emails").value = "";
    await loadInvitations();
    showStatus(document.getElementById("invite-form"), t("members_invited", { count: sent.invitations.length }), "success");
  }, { fields: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`emails.${i}`, "emails"])) });

  try {
    if (!place.id) throw Object.assign(new Error(""), { code: place.notFound });
    me = (await api("/api/me", { auth: true })).id;
    placeName = (await api(place.path(), { auth: true })).name;
    document.getElementById("place-name").textContent = placeName;
    if (await members.reload() === null) return;
    if (myRole === "ADMIN") {
      for (const node of document.querySelectorAll("[data-admin]")) node.hidden = false;
      await loadInvitations();
    }
    document.getElementById("content").hidden = false;
  } catch (error) {
    showLoadError(error, box);
  } finally {
    done(loading);
  }
}
