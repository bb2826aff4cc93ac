// Short names for the runner's languages, shown in the language picker instead of compiler banners.
import type { Language } from "../code-runner/types.js";

/** "C++17", "Python 3", "Java 17": what a candidate needs, not the compiler's banner. */
export function shortLanguageLabel(language: Language, version?: string): string {
  const major = (pattern: RegExp) => pattern.exec(version ?? "")?.[1];
  switch (language) {
    case "javascript": {
      const node = major(/^v?(\d+)/);
      return node ? `JavaScript (Node ${node})` : "JavaScript";
    }
    case "typescript":
      return "TypeScript";
    case "python":
      return "Python 3";
    case "java": {
      const java = major(/(\d+)(?:\.\d+)*/);
      return java ? `Java ${java}` : "Java";
    }
    case "cpp":
      return "C++17";
  }
}
