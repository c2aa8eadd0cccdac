// Pix Orga's home: the organisations I belong to (a switcher when there are several) and the way to their
// campaigns and members. Nobody's member yet: how to join.
import { api } from "../api.js";
import { done, showLoadError, t } from "../ui.js";
import { currentOrganizationId, orgaLink, organizationPath, remember } from "./current.js";

const loading = document.getElementById("loading");
const select = document.getElementById("organization");

async function showCredits(org) {
  const line = document.getElementById("credits");
  line.hidden = true;
  if (org.role !== "ADMIN") return;
  try {
    const credits = await api(`/api/organizations/${encodeURIComponent(org.id)}/credits`, { auth: true });
    line.textContent = t("org_credits_line", { balance: credits.balance, consumed: credits.consumed });
    line.hidden = false;
  } catch { /* the balance is a detail of the page: its absence says nothing wrong */ }
}

function show(organizations) {
  const chosen = organizations.find((o) => o.id === currentOrganizationId()) || organizations[0];
  remember(chosen.id);
  select.value = chosen.id;
  document.getElementById("current-role").textContent = t(chosen.role === "ADMIN" ? "org_role_admin_you" : "org_role_member_you");
  document.getElementById("to-campaigns").href = orgaLink("campagnes/", chosen.id);
  document.getElementById("to-members").href = orgaLink("membres/", chosen.id);
  showCredits(chosen);
}

// The list comes from an index that may lag a second behind an invitation just accepted: the organisation
// remembered on this browser is asked for directly when the list does not have it yet.
async function withRemembered(organizations) {
  const id = currentOrganizationId();
  if (!id || organizations.some((o) => o.id === id)) return organizations;
  try {
    const [org, members] = await Promise.all([api(organizationPath(id), { auth: true }),
      api(organizationPath(id, "/members?limit=1"), { auth: true })]);
    return [...organizations, { id: org.id, name: org.name, type: org.type, role: members.my_role,
      archived: Boolean(org.archived_at) }];
  } catch {
    return organizations; // no longer a member there: the list is right
  }
}

try {
  const me = await api("/api/me", { auth: true });
  const mine = { organizations: await withRemembered((await api("/api/me/organizations", { auth: true })).organizations) };
  document.getElementById("who").textContent = t("product_account", { name: `${me.first_name} ${me.last_name}` });
  if (mine.organizations.length === 0) {
    document.getElementById("no-membership").hidden = false;
  } else {
    for (const org of mine.organizations) {
      const option = document.createElement("option");
      option.value = org.id;
      option.textContent = org.archived ? `${org.name} (${t("org_archived")})` : org.name;
      select.append(option);
    }
    select.addEventListener("change", () => { remember(select.value); show(mine.organizations); });
    document.getElementById("switcher").hidden = false;
    show(mine.organizations);
  }
  document.getElementById("today").hidden = false;
} catch (error) {
  showLoadError(error, document.querySelector(".form-status"));
} finally {
  done(loading);
}
