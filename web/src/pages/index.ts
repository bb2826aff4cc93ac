// Every page of the dashboard, in navigation order.
import type { ComponentType } from "react";
import { InterviewPage } from "./InterviewPage";
import { MemoryPage } from "./MemoryPage";
import { MentorPage } from "./MentorPage";
import { OverviewPage } from "./OverviewPage";
import { PlanPage } from "./PlanPage";
import { ProblemsPage } from "./ProblemsPage";
import { ReviewsPage } from "./ReviewsPage";
import { RoadmapPage } from "./RoadmapPage";
import { SchedulePage } from "./SchedulePage";
import { SettingsPage } from "./SettingsPage";
import { TodayPage } from "./TodayPage";

export interface PageEntry {
  path: string;
  label: string;
  component: ComponentType;
}

export const PAGES: PageEntry[] = [
  { path: "/", label: "Overview", component: OverviewPage },
  { path: "/today", label: "Today", component: TodayPage },
  { path: "/problems", label: "Problems", component: ProblemsPage },
  { path: "/reviews", label: "Reviews", component: ReviewsPage },
  { path: "/roadmap", label: "Roadmap", component: RoadmapPage },
  { path: "/plan", label: "Plan", component: PlanPage },
  { path: "/interview", label: "Interview", component: InterviewPage },
  { path: "/schedule", label: "Schedule", component: SchedulePage },
  { path: "/mentor", label: "Mentor", component: MentorPage },
  { path: "/memory", label: "Memory", component: MemoryPage },
  { path: "/settings", label: "Settings", component: SettingsPage },
];
