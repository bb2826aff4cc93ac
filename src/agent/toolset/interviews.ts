// Tools over mock interviews and their schedule: start a session, submit code, upcoming, schedule.
import { z } from "zod";
import { startInterviewInput, submitCodeInput } from "../../services/interviews/contract.js";
import type { InterviewService } from "../../services/interviews/interview-service.js";
import { scheduleInterviewInput, upcomingInterviewsInput } from "../../services/schedule/contract.js";
import type { ScheduleService } from "../../services/schedule/schedule-service.js";
import { type AgentTool, defineTool } from "../tools.js";

export interface InterviewToolServices {
  interviews: InterviewService;
  schedule: ScheduleService;
}

export function interviewTools(services: InterviewToolServices): AgentTool[] {
  const { interviews, schedule } = services;
  return [
    defineTool({
      name: "start_mock_interview",
      title: "Start a mock interview",
      description:
        "Start a timed mock interview (coding, system_design or behavioral), optionally for a question slug, company, role, difficulty or topic. Returns the session id, the question and the deadline.",
      readOnly: false,
      input: startInterviewInput,
      run: ({ id }, input) => interviews.startSession(id, input),
    }),
    defineTool({
      name: "submit_interview_code",
      title: "Submit interview code",
      description:
        "Run code for an active coding interview session against its test cases (sandboxed) and return the verdict with per-test results.",
      readOnly: false,
      input: submitCodeInput,
      run: ({ id }, { sessionId, language, code }) => interviews.submitCode(id, sessionId, { language, code }),
    }),
    defineTool({
      name: "get_upcoming_interviews",
      title: "Upcoming interviews",
      description: "The user's scheduled mock interviews from now on, soonest first, with the countdown.",
      readOnly: true,
      input: upcomingInterviewsInput,
      run: ({ id }, { includeCancelled }) => schedule.list(id, { includeCancelled }),
    }),
    defineTool({
      name: "schedule_interview",
      title: "Schedule an interview",
      description:
        "Schedule a mock interview (default: next Friday 15:00 in the user's timezone, 45 minutes, coding), or a weekly series with weeks > 1 (difficulty cycles). Reminders are sent 24 h, 1 h and 5 min before.",
      readOnly: false,
      input: scheduleInterviewInput,
      run: ({ id, timezone }, input) => schedule.schedule(id, timezone, input),
    }),
  ];
}
