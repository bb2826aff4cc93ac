import { PageHeader } from "../components/ui";

export function MentorPage() {
  return <PageHeader title="Mentor" />;
}
