import { PageHeader } from "../components/ui";

export function OverviewPage() {
  return <PageHeader title="Overview" />;
}
