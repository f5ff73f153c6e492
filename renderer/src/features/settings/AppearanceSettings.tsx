import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me, Preferences } from '../../../../shared/schemas/auth.schema';
import { queryKeys } from '../../api/query-keys';
import { useApiMutation } from '../../api/useApiMutation';
import { useSession } from '../../session/useSession';
import { LanguageSelect } from '../../components/LanguageSelect';
import { errorText } from '../../i18n/error-text';
import { SettingsSection } from './SettingsSection';

/**
 * Language and theme apply before the core answers (the cached `auth.me` is patched) and roll
 * back if it refuses; they are stored per user, so each operator gets their own.
 */
export function AppearanceSettings() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { preferences } = useSession();
  const update = useApiMutation<'preferences.update', { previous: Preferences }>(
    'preferences.update',
    {
      onMutate: async (change) => {
        await queryClient.cancelQueries({ queryKey: queryKeys.me });
        queryClient.setQueryData<Me>(
          queryKeys.me,
          (me) =>
            me && {
              ...me,
              preferences: {
                language: change.language ?? me.preferences.language,
                theme: change.theme ?? me.preferences.theme,
              },
            },
        );
        return { previous: preferences };
      },
      onError: (error, _change, context) => {
        if (context) {
          queryClient.setQueryData<Me>(
            queryKeys.me,
            (me) => me && { ...me, preferences: context.previous },
          );
        }
        void message.error(errorText(t, error));
      },
    },
  );

  return (
    <SettingsSection title={t('settings.appearance')}>
      <Form layout="vertical" component="div">
        <Form.Item label={t('settings.language')} htmlFor="settings-language">
          <LanguageSelect
            id="settings-language"
            value={preferences.language}
            onChange={(language) => update.mutate({ language })}
          />
        </Form.Item>
        <Form.Item
          label={t('settings.darkTheme')}
          htmlFor="settings-dark-theme"
          style={{ marginBottom: 0 }}
        >
          <Switch
            id="settings-dark-theme"
            checked={preferences.theme === 'dark'}
            onChange={(isDark) => update.mutate({ theme: isDark ? 'dark' : 'light' })}
          />
        </Form.Item>
      </Form>
    </SettingsSection>
  );
}
