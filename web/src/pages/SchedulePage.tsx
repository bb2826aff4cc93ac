import { PageHeader } from "../components/ui";

export function SchedulePage() {
  return <PageHeader title="Schedule" />;
}
