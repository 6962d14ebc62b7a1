/** Cairn's mark: three stacked stones, as on a trail marker. */
export const CairnMark = ({ size }: { size: number }) => (
  <svg
    width={size}
    height={size}
    viewBox="0 0 32 32"
    role="img"
    aria-label="Cairn"
    xmlns="http://www.w3.org/2000/svg"
  >
    <ellipse cx="16" cy="26" rx="12" ry="4.5" fill="#7df3e1" />
    <ellipse cx="15" cy="17.5" rx="8.5" ry="3.8" fill="#4fc3b4" />
    <ellipse cx="16.5" cy="10" rx="5.5" ry="3.2" fill="#7df3e1" />
    <ellipse cx="16" cy="4.5" rx="2.8" ry="2.1" fill="#4fc3b4" />
  </svg>
);
