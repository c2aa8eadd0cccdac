// Pix Orga: members and invitations of the current organisation (the common members page).
import { root } from "../common.js";
import { mountMembers } from "../members.js";
import { currentOrganizationId, organizationPath } from "./current.js";

const id = currentOrganizationId();
await mountMembers({
  id, notFound: "ORGANIZATION_NOT_FOUND", home: `${root}orga/`,
  path: (rest = "") => organizationPath(id, rest),
  forget: () => localStorage.removeItem("pix.orga.current"),
});
