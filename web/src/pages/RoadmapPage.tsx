import { PageHeader } from "../components/ui";

export function RoadmapPage() {
  return <PageHeader title="Roadmap" />;
}
