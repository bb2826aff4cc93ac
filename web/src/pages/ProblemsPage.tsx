import { PageHeader } from "../components/ui";

export function ProblemsPage() {
  return <PageHeader title="Problems" />;
}
