/** The version the command line and SARIF report. */
export const VERSION = '0.1.0';
