import '@testing-library/jest-dom';

// Component tests drive the real UI with userEvent; on a busy 2-core CI machine one takes several seconds.
jest.setTimeout(20_000);
