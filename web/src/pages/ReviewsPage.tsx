import { PageHeader } from "../components/ui";

export function ReviewsPage() {
  return <PageHeader title="Reviews" />;
}
