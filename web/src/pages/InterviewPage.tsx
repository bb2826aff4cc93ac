import { PageHeader } from "../components/ui";

export function InterviewPage() {
  return <PageHeader title="Interview" />;
}
