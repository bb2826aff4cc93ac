// Today: everything to do today in one keyboard-first list (see components/TodayList.tsx).

import { TodayList } from "../components/TodayList";
import { PageHeader } from "../components/ui";

export function TodayPage() {
  return (
    <>
      <PageHeader title="Today" />
      <TodayList />
    </>
  );
}
