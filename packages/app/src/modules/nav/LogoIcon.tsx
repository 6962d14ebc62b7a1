import { CairnMark } from './CairnMark';

export const LogoIcon = () => <CairnMark size={28} />;
